# -*- coding: utf-8 -*-

################################################################################
##
##
################################################################################

from PySide6.QtCore import QCoreApplication, QMetaObject, QSize, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QSpacerItem,
    QVBoxLayout,
    QWidget,
)

class Ui_SignInDialog(object):
    def setupUi(self, SignInDialog):
        if not SignInDialog.objectName():
            SignInDialog.setObjectName(u"SignInDialog")
        SignInDialog.resize(420, 300)
        self.mainLayout = QVBoxLayout(SignInDialog)
        self.mainLayout.setSpacing(12)
        self.mainLayout.setObjectName(u"mainLayout")
        self.mainLayout.setContentsMargins(24, 20, 24, 20)
        self.titleLabel = QLabel(SignInDialog)
        self.titleLabel.setObjectName(u"titleLabel")
        self.titleLabel.setStyleSheet(u"font-size: 16pt; font-weight: 600;")

        self.mainLayout.addWidget(self.titleLabel)

        self.formLayout = QFormLayout()
        self.formLayout.setObjectName(u"formLayout")
        self.formLayout.setLabelAlignment(Qt.AlignmentFlag.AlignRight|Qt.AlignmentFlag.AlignVCenter)
        self.serverLabel = QLabel(SignInDialog)
        self.serverLabel.setObjectName(u"serverLabel")

        self.formLayout.setWidget(0, QFormLayout.ItemRole.LabelRole, self.serverLabel)

        self.serverEdit = QLineEdit(SignInDialog)
        self.serverEdit.setObjectName(u"serverEdit")
        self.serverEdit.setPlaceholderText(u"https://agentdesk.example.com")

        self.formLayout.setWidget(0, QFormLayout.ItemRole.FieldRole, self.serverEdit)

        self.userLabel = QLabel(SignInDialog)
        self.userLabel.setObjectName(u"userLabel")

        self.formLayout.setWidget(1, QFormLayout.ItemRole.LabelRole, self.userLabel)

        self.userEdit = QLineEdit(SignInDialog)
        self.userEdit.setObjectName(u"userEdit")

        self.formLayout.setWidget(1, QFormLayout.ItemRole.FieldRole, self.userEdit)

        self.passwordLabel = QLabel(SignInDialog)
        self.passwordLabel.setObjectName(u"passwordLabel")

        self.formLayout.setWidget(2, QFormLayout.ItemRole.LabelRole, self.passwordLabel)

        self.passwordEdit = QLineEdit(SignInDialog)
        self.passwordEdit.setObjectName(u"passwordEdit")
        self.passwordEdit.setEchoMode(QLineEdit.EchoMode.Password)

        self.formLayout.setWidget(2, QFormLayout.ItemRole.FieldRole, self.passwordEdit)

        self.staySignedIn = QCheckBox(SignInDialog)
        self.staySignedIn.setObjectName(u"staySignedIn")
        self.staySignedIn.setChecked(True)

        self.formLayout.setWidget(3, QFormLayout.ItemRole.FieldRole, self.staySignedIn)


        self.mainLayout.addLayout(self.formLayout)

        self.errorLabel = QLabel(SignInDialog)
        self.errorLabel.setObjectName(u"errorLabel")
        self.errorLabel.setWordWrap(True)
        self.errorLabel.setStyleSheet(u"color: #b3261e;")
        self.errorLabel.setText(u"")

        self.mainLayout.addWidget(self.errorLabel)

        self.verticalSpacer = QSpacerItem(20, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.mainLayout.addItem(self.verticalSpacer)

        self.buttonRow = QHBoxLayout()
        self.buttonRow.setObjectName(u"buttonRow")
        self.busyBar = QProgressBar(SignInDialog)
        self.busyBar.setObjectName(u"busyBar")
        self.busyBar.setMaximum(0)
        self.busyBar.setTextVisible(False)
        self.busyBar.setMaximumSize(QSize(120, 8))

        self.buttonRow.addWidget(self.busyBar)

        self.buttonSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.buttonRow.addItem(self.buttonSpacer)

        self.cancelButton = QPushButton(SignInDialog)
        self.cancelButton.setObjectName(u"cancelButton")

        self.buttonRow.addWidget(self.cancelButton)

        self.signInButton = QPushButton(SignInDialog)
        self.signInButton.setObjectName(u"signInButton")

        self.buttonRow.addWidget(self.signInButton)


        self.mainLayout.addLayout(self.buttonRow)

#if QT_CONFIG(shortcut)
        self.serverLabel.setBuddy(self.serverEdit)
        self.userLabel.setBuddy(self.userEdit)
        self.passwordLabel.setBuddy(self.passwordEdit)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.serverEdit, self.userEdit)
        QWidget.setTabOrder(self.userEdit, self.passwordEdit)
        QWidget.setTabOrder(self.passwordEdit, self.staySignedIn)
        QWidget.setTabOrder(self.staySignedIn, self.signInButton)
        QWidget.setTabOrder(self.signInButton, self.cancelButton)

        self.retranslateUi(SignInDialog)

        self.signInButton.setDefault(True)


        QMetaObject.connectSlotsByName(SignInDialog)
    # setupUi

    def retranslateUi(self, SignInDialog):
        SignInDialog.setWindowTitle(QCoreApplication.translate("SignInDialog", u"Sign in to AgentDesk", None))
        self.titleLabel.setText(QCoreApplication.translate("SignInDialog", u"Sign in", None))
        self.serverLabel.setText(QCoreApplication.translate("SignInDialog", u"&Server:", None))
        self.userLabel.setText(QCoreApplication.translate("SignInDialog", u"&User name:", None))
        self.passwordLabel.setText(QCoreApplication.translate("SignInDialog", u"&Password:", None))
        self.staySignedIn.setText(QCoreApplication.translate("SignInDialog", u"S&tay signed in on this computer", None))
        self.cancelButton.setText(QCoreApplication.translate("SignInDialog", u"Cancel", None))
        self.signInButton.setText(QCoreApplication.translate("SignInDialog", u"Sign &in", None))
    # retranslateUi

