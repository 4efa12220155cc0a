# -*- coding: utf-8 -*-

################################################################################
##
##
################################################################################

from PySide6.QtCore import QCoreApplication, QMetaObject, QSize
from PySide6.QtWidgets import (
    QDateTimeEdit,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
)

class Ui_FollowUpDialog(object):
    def setupUi(self, FollowUpDialog):
        if not FollowUpDialog.objectName():
            FollowUpDialog.setObjectName(u"FollowUpDialog")
        FollowUpDialog.setMinimumSize(QSize(420, 0))
        self.dialogLayout = QVBoxLayout(FollowUpDialog)
        self.dialogLayout.setObjectName(u"dialogLayout")
        self.currentLabel = QLabel(FollowUpDialog)
        self.currentLabel.setObjectName(u"currentLabel")
        self.currentLabel.setText(u"")
        self.currentLabel.setWordWrap(True)

        self.dialogLayout.addWidget(self.currentLabel)

        self.formLayout = QFormLayout()
        self.formLayout.setObjectName(u"formLayout")
        self.dueLabel = QLabel(FollowUpDialog)
        self.dueLabel.setObjectName(u"dueLabel")

        self.formLayout.setWidget(0, QFormLayout.ItemRole.LabelRole, self.dueLabel)

        self.dueEdit = QDateTimeEdit(FollowUpDialog)
        self.dueEdit.setObjectName(u"dueEdit")
        self.dueEdit.setCalendarPopup(True)
        self.dueEdit.setDisplayFormat(u"yyyy-MM-dd HH:mm")

        self.formLayout.setWidget(0, QFormLayout.ItemRole.FieldRole, self.dueEdit)

        self.zoneLabel = QLabel(FollowUpDialog)
        self.zoneLabel.setObjectName(u"zoneLabel")
        self.zoneLabel.setText(u"")
        self.zoneLabel.setStyleSheet(u"color: #51565e;")

        self.formLayout.setWidget(1, QFormLayout.ItemRole.FieldRole, self.zoneLabel)

        self.reasonLabel = QLabel(FollowUpDialog)
        self.reasonLabel.setObjectName(u"reasonLabel")

        self.formLayout.setWidget(2, QFormLayout.ItemRole.LabelRole, self.reasonLabel)

        self.reasonEdit = QLineEdit(FollowUpDialog)
        self.reasonEdit.setObjectName(u"reasonEdit")
        self.reasonEdit.setMaxLength(200)

        self.formLayout.setWidget(2, QFormLayout.ItemRole.FieldRole, self.reasonEdit)


        self.dialogLayout.addLayout(self.formLayout)

        self.problemLabel = QLabel(FollowUpDialog)
        self.problemLabel.setObjectName(u"problemLabel")
        self.problemLabel.setText(u"")
        self.problemLabel.setWordWrap(True)
        self.problemLabel.setStyleSheet(u"color: #b42318;")

        self.dialogLayout.addWidget(self.problemLabel)

        self.buttonBox = QDialogButtonBox(FollowUpDialog)
        self.buttonBox.setObjectName(u"buttonBox")
        self.buttonBox.setStandardButtons(QDialogButtonBox.StandardButton.Cancel|QDialogButtonBox.StandardButton.Ok)

        self.dialogLayout.addWidget(self.buttonBox)

#if QT_CONFIG(shortcut)
        self.dueLabel.setBuddy(self.dueEdit)
        self.reasonLabel.setBuddy(self.reasonEdit)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(FollowUpDialog)

        QMetaObject.connectSlotsByName(FollowUpDialog)
    # setupUi

    def retranslateUi(self, FollowUpDialog):
        FollowUpDialog.setWindowTitle(QCoreApplication.translate("FollowUpDialog", u"Schedule follow-up", None))
        self.dueLabel.setText(QCoreApplication.translate("FollowUpDialog", u"&When:", None))
        self.reasonLabel.setText(QCoreApplication.translate("FollowUpDialog", u"&Reason:", None))
        self.reasonEdit.setPlaceholderText(QCoreApplication.translate("FollowUpDialog", u"Optional, e.g. call back after payday", None))
    # retranslateUi

