# -*- coding: utf-8 -*-

################################################################################
##
##
################################################################################

from PySide6.QtCore import QCoreApplication, QMetaObject, QSize
from PySide6.QtWidgets import (
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QSpacerItem,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

class Ui_CallWorkspace(object):
    def setupUi(self, CallWorkspace):
        if not CallWorkspace.objectName():
            CallWorkspace.setObjectName(u"CallWorkspace")
        CallWorkspace.resize(1040, 680)
        self.workspaceLayout = QVBoxLayout(CallWorkspace)
        self.workspaceLayout.setObjectName(u"workspaceLayout")
        self.headerRow = QHBoxLayout()
        self.headerRow.setObjectName(u"headerRow")
        self.headerTexts = QVBoxLayout()
        self.headerTexts.setObjectName(u"headerTexts")
        self.borrowerLabel = QLabel(CallWorkspace)
        self.borrowerLabel.setObjectName(u"borrowerLabel")
        self.borrowerLabel.setText(u"")

        self.headerTexts.addWidget(self.borrowerLabel)

        self.debtLabel = QLabel(CallWorkspace)
        self.debtLabel.setObjectName(u"debtLabel")
        self.debtLabel.setText(u"")

        self.headerTexts.addWidget(self.debtLabel)


        self.headerRow.addLayout(self.headerTexts)

        self.timerLabel = QLabel(CallWorkspace)
        self.timerLabel.setObjectName(u"timerLabel")
        self.timerLabel.setText(u"00:00")

        self.headerRow.addWidget(self.timerLabel)

        self.endCallButton = QPushButton(CallWorkspace)
        self.endCallButton.setObjectName(u"endCallButton")

        self.headerRow.addWidget(self.endCallButton)

        self.headerRow.setStretch(0, 1)

        self.workspaceLayout.addLayout(self.headerRow)

        self.warningLabel = QLabel(CallWorkspace)
        self.warningLabel.setObjectName(u"warningLabel")
        self.warningLabel.setText(u"")
        self.warningLabel.setWordWrap(True)

        self.workspaceLayout.addWidget(self.warningLabel)

        self.stack = QStackedWidget(CallWorkspace)
        self.stack.setObjectName(u"stack")
        self.checkPage = QWidget()
        self.checkPage.setObjectName(u"checkPage")
        self.checkLayout = QVBoxLayout(self.checkPage)
        self.checkLayout.setObjectName(u"checkLayout")
        self.dialRow = QHBoxLayout()
        self.dialRow.setObjectName(u"dialRow")
        self.contactLabel = QLabel(self.checkPage)
        self.contactLabel.setObjectName(u"contactLabel")

        self.dialRow.addWidget(self.contactLabel)

        self.contactCombo = QComboBox(self.checkPage)
        self.contactCombo.setObjectName(u"contactCombo")

        self.dialRow.addWidget(self.contactCombo)

        self.callButton = QPushButton(self.checkPage)
        self.callButton.setObjectName(u"callButton")

        self.dialRow.addWidget(self.callButton)

        self.dialRow.setStretch(1, 1)

        self.checkLayout.addLayout(self.dialRow)

        self.decisionLabel = QLabel(self.checkPage)
        self.decisionLabel.setObjectName(u"decisionLabel")
        self.decisionLabel.setText(u"")
        self.decisionLabel.setWordWrap(True)

        self.checkLayout.addWidget(self.decisionLabel)

        self.followUpOfferRow = QHBoxLayout()
        self.followUpOfferRow.setObjectName(u"followUpOfferRow")
        self.followUpButton = QPushButton(self.checkPage)
        self.followUpButton.setObjectName(u"followUpButton")
        self.followUpButton.setText(u"")

        self.followUpOfferRow.addWidget(self.followUpButton)

        self.followUpSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.followUpOfferRow.addItem(self.followUpSpacer)


        self.checkLayout.addLayout(self.followUpOfferRow)

        self.overrideGroup = QGroupBox(self.checkPage)
        self.overrideGroup.setObjectName(u"overrideGroup")
        self.overrideLayout = QVBoxLayout(self.overrideGroup)
        self.overrideLayout.setObjectName(u"overrideLayout")
        self.overrideHint = QLabel(self.overrideGroup)
        self.overrideHint.setObjectName(u"overrideHint")
        self.overrideHint.setWordWrap(True)

        self.overrideLayout.addWidget(self.overrideHint)

        self.overrideReasonEdit = QPlainTextEdit(self.overrideGroup)
        self.overrideReasonEdit.setObjectName(u"overrideReasonEdit")
        self.overrideReasonEdit.setMaximumSize(QSize(16777215, 80))
        self.overrideReasonEdit.setTabChangesFocus(True)

        self.overrideLayout.addWidget(self.overrideReasonEdit)

        self.overrideProblem = QLabel(self.overrideGroup)
        self.overrideProblem.setObjectName(u"overrideProblem")
        self.overrideProblem.setText(u"")
        self.overrideProblem.setWordWrap(True)

        self.overrideLayout.addWidget(self.overrideProblem)

        self.overrideRow = QHBoxLayout()
        self.overrideRow.setObjectName(u"overrideRow")
        self.overrideSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.overrideRow.addItem(self.overrideSpacer)

        self.overrideButton = QPushButton(self.overrideGroup)
        self.overrideButton.setObjectName(u"overrideButton")

        self.overrideRow.addWidget(self.overrideButton)


        self.overrideLayout.addLayout(self.overrideRow)


        self.checkLayout.addWidget(self.overrideGroup)

        self.checkSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.checkLayout.addItem(self.checkSpacer)

        self.stack.addWidget(self.checkPage)
        self.callPage = QWidget()
        self.callPage.setObjectName(u"callPage")
        self.callLayout = QHBoxLayout(self.callPage)
        self.callLayout.setObjectName(u"callLayout")
        self.guidanceHolder = QWidget(self.callPage)
        self.guidanceHolder.setObjectName(u"guidanceHolder")
        self.guidanceLayout = QVBoxLayout(self.guidanceHolder)
        self.guidanceLayout.setObjectName(u"guidanceLayout")
        self.guidanceLayout.setContentsMargins(0, 0, 0, 0)

        self.callLayout.addWidget(self.guidanceHolder)

        self.outcomeHolder = QWidget(self.callPage)
        self.outcomeHolder.setObjectName(u"outcomeHolder")
        self.outcomeHolderLayout = QVBoxLayout(self.outcomeHolder)
        self.outcomeHolderLayout.setObjectName(u"outcomeHolderLayout")
        self.outcomeHolderLayout.setContentsMargins(0, 0, 0, 0)

        self.callLayout.addWidget(self.outcomeHolder)

        self.callLayout.setStretch(0, 3)
        self.callLayout.setStretch(1, 2)
        self.stack.addWidget(self.callPage)

        self.workspaceLayout.addWidget(self.stack)

        self.workspaceLayout.setStretch(2, 1)
#if QT_CONFIG(shortcut)
        self.contactLabel.setBuddy(self.contactCombo)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(CallWorkspace)

        self.callButton.setDefault(True)


        QMetaObject.connectSlotsByName(CallWorkspace)
    # setupUi

    def retranslateUi(self, CallWorkspace):
        CallWorkspace.setWindowTitle(QCoreApplication.translate("CallWorkspace", u"Call", None))
        self.endCallButton.setText(QCoreApplication.translate("CallWorkspace", u"&End call", None))
        self.contactLabel.setText(QCoreApplication.translate("CallWorkspace", u"&Number", None))
        self.callButton.setText(QCoreApplication.translate("CallWorkspace", u"&Call", None))
        self.overrideGroup.setTitle(QCoreApplication.translate("CallWorkspace", u"Override the block", None))
        self.overrideHint.setText(QCoreApplication.translate("CallWorkspace", u"Your role may override this block. Write why; the reason is recorded with the call and audited.", None))
        self.overrideButton.setText(QCoreApplication.translate("CallWorkspace", u"&Override and call", None))
    # retranslateUi

