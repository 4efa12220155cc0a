# -*- coding: utf-8 -*-

################################################################################
##
##
################################################################################

from PySide6.QtCore import QCoreApplication, QMetaObject, QSize
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QSpacerItem,
    QVBoxLayout,
    QWidget,
)

class Ui_LeadDecisionPanel(object):
    def setupUi(self, LeadDecisionPanel):
        if not LeadDecisionPanel.objectName():
            LeadDecisionPanel.setObjectName(u"LeadDecisionPanel")
        self.decisionLayout = QVBoxLayout(LeadDecisionPanel)
        self.decisionLayout.setObjectName(u"decisionLayout")
        self.commentEdit = QPlainTextEdit(LeadDecisionPanel)
        self.commentEdit.setObjectName(u"commentEdit")
        self.commentEdit.setMaximumSize(QSize(16777215, 56))

        self.decisionLayout.addWidget(self.commentEdit)

        self.buttonRow = QHBoxLayout()
        self.buttonRow.setObjectName(u"buttonRow")
        self.approveButton = QPushButton(LeadDecisionPanel)
        self.approveButton.setObjectName(u"approveButton")

        self.buttonRow.addWidget(self.approveButton)

        self.rejectButton = QPushButton(LeadDecisionPanel)
        self.rejectButton.setObjectName(u"rejectButton")

        self.buttonRow.addWidget(self.rejectButton)

        self.returnButton = QPushButton(LeadDecisionPanel)
        self.returnButton.setObjectName(u"returnButton")

        self.buttonRow.addWidget(self.returnButton)

        self.buttonSpacer = QSpacerItem(40, 20, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.buttonRow.addItem(self.buttonSpacer)

        self.openCaseButton = QPushButton(LeadDecisionPanel)
        self.openCaseButton.setObjectName(u"openCaseButton")

        self.buttonRow.addWidget(self.openCaseButton)


        self.decisionLayout.addLayout(self.buttonRow)

        self.messageLabel = QLabel(LeadDecisionPanel)
        self.messageLabel.setObjectName(u"messageLabel")
        self.messageLabel.setWordWrap(True)
        self.messageLabel.setText(u"")

        self.decisionLayout.addWidget(self.messageLabel)

        QWidget.setTabOrder(self.commentEdit, self.approveButton)
        QWidget.setTabOrder(self.approveButton, self.rejectButton)
        QWidget.setTabOrder(self.rejectButton, self.returnButton)
        QWidget.setTabOrder(self.returnButton, self.openCaseButton)

        self.retranslateUi(LeadDecisionPanel)

        QMetaObject.connectSlotsByName(LeadDecisionPanel)
    # setupUi

    def retranslateUi(self, LeadDecisionPanel):
        LeadDecisionPanel.setTitle(QCoreApplication.translate("LeadDecisionPanel", u"Decision", None))
        self.commentEdit.setPlaceholderText(QCoreApplication.translate("LeadDecisionPanel", u"Comment for the agent (required to reject or return)", None))
        self.approveButton.setText(QCoreApplication.translate("LeadDecisionPanel", u"&Approve", None))
        self.rejectButton.setText(QCoreApplication.translate("LeadDecisionPanel", u"&Reject", None))
        self.returnButton.setText(QCoreApplication.translate("LeadDecisionPanel", u"Return for &changes", None))
        self.openCaseButton.setText(QCoreApplication.translate("LeadDecisionPanel", u"Open case", None))
    # retranslateUi

