# -*- coding: utf-8 -*-

################################################################################
##
##
################################################################################

from PySide6.QtCore import QCoreApplication, QMetaObject, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QSpacerItem,
    QVBoxLayout,
    QWidget,
)

class Ui_GuidancePanel(object):
    def setupUi(self, GuidancePanel):
        if not GuidancePanel.objectName():
            GuidancePanel.setObjectName(u"GuidancePanel")
        GuidancePanel.resize(520, 560)
        self.panelLayout = QVBoxLayout(GuidancePanel)
        self.panelLayout.setObjectName(u"panelLayout")
        self.titleRow = QHBoxLayout()
        self.titleRow.setObjectName(u"titleRow")
        self.scriptTitleLabel = QLabel(GuidancePanel)
        self.scriptTitleLabel.setObjectName(u"scriptTitleLabel")
        self.scriptTitleLabel.setText(u"")
        self.scriptTitleLabel.setWordWrap(True)

        self.titleRow.addWidget(self.scriptTitleLabel)

        self.thirdPartyCheck = QCheckBox(GuidancePanel)
        self.thirdPartyCheck.setObjectName(u"thirdPartyCheck")

        self.titleRow.addWidget(self.thirdPartyCheck)


        self.panelLayout.addLayout(self.titleRow)

        self.noteLabel = QLabel(GuidancePanel)
        self.noteLabel.setObjectName(u"noteLabel")
        self.noteLabel.setText(u"")
        self.noteLabel.setWordWrap(True)

        self.panelLayout.addWidget(self.noteLabel)

        self.stepGroup = QGroupBox(GuidancePanel)
        self.stepGroup.setObjectName(u"stepGroup")
        self.stepLayout = QVBoxLayout(self.stepGroup)
        self.stepLayout.setObjectName(u"stepLayout")
        self.stepText = QLabel(self.stepGroup)
        self.stepText.setObjectName(u"stepText")
        self.stepText.setText(u"")
        self.stepText.setWordWrap(True)
        self.stepText.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.stepText.setAlignment(Qt.AlignmentFlag.AlignLeading|Qt.AlignmentFlag.AlignLeft|Qt.AlignmentFlag.AlignTop)

        self.stepLayout.addWidget(self.stepText)

        self.offersLabel = QLabel(self.stepGroup)
        self.offersLabel.setObjectName(u"offersLabel")
        self.offersLabel.setText(u"")
        self.offersLabel.setWordWrap(True)

        self.stepLayout.addWidget(self.offersLabel)

        self.disclosureCheck = QCheckBox(self.stepGroup)
        self.disclosureCheck.setObjectName(u"disclosureCheck")

        self.stepLayout.addWidget(self.disclosureCheck)

        self.answersBox = QWidget(self.stepGroup)
        self.answersBox.setObjectName(u"answersBox")
        self.answersLayout = QVBoxLayout(self.answersBox)
        self.answersLayout.setObjectName(u"answersLayout")
        self.answersLayout.setContentsMargins(0, 0, 0, 0)

        self.stepLayout.addWidget(self.answersBox)

        self.stepSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.stepLayout.addItem(self.stepSpacer)


        self.panelLayout.addWidget(self.stepGroup)

        self.branchesGroup = QGroupBox(GuidancePanel)
        self.branchesGroup.setObjectName(u"branchesGroup")
        self.branchesLayout = QGridLayout(self.branchesGroup)
        self.branchesLayout.setObjectName(u"branchesLayout")

        self.panelLayout.addWidget(self.branchesGroup)

        self.objectionsGroup = QGroupBox(GuidancePanel)
        self.objectionsGroup.setObjectName(u"objectionsGroup")
        self.objectionsLayout = QVBoxLayout(self.objectionsGroup)
        self.objectionsLayout.setObjectName(u"objectionsLayout")

        self.panelLayout.addWidget(self.objectionsGroup)

        self.panelLayout.setStretch(2, 1)

        self.retranslateUi(GuidancePanel)

        QMetaObject.connectSlotsByName(GuidancePanel)
    # setupUi

    def retranslateUi(self, GuidancePanel):
        self.thirdPartyCheck.setText(QCoreApplication.translate("GuidancePanel", u"&Third party on the line", None))
#if QT_CONFIG(tooltip)
        self.thirdPartyCheck.setToolTip(QCoreApplication.translate("GuidancePanel", u"Someone other than the borrower answered: the script switches to the third-party flow and every debt detail is hidden.", None))
#endif // QT_CONFIG(tooltip)
        self.stepGroup.setTitle(QCoreApplication.translate("GuidancePanel", u"Say", None))
        self.disclosureCheck.setText(QCoreApplication.translate("GuidancePanel", u"I &read this out in full", None))
        self.branchesGroup.setTitle(QCoreApplication.translate("GuidancePanel", u"Always at hand", None))
        self.objectionsGroup.setTitle(QCoreApplication.translate("GuidancePanel", u"Objections", None))
        pass
    # retranslateUi

