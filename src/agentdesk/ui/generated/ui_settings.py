# -*- coding: utf-8 -*-

################################################################################
##
##
################################################################################

from PySide6.QtCore import QCoreApplication, QMetaObject
from PySide6.QtWidgets import (
    QComboBox,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
)

class Ui_SettingsDialog(object):
    def setupUi(self, SettingsDialog):
        if not SettingsDialog.objectName():
            SettingsDialog.setObjectName(u"SettingsDialog")
        SettingsDialog.resize(440, 220)
        self.mainLayout = QVBoxLayout(SettingsDialog)
        self.mainLayout.setObjectName(u"mainLayout")
        self.generalBox = QGroupBox(SettingsDialog)
        self.generalBox.setObjectName(u"generalBox")
        self.generalForm = QFormLayout(self.generalBox)
        self.generalForm.setObjectName(u"generalForm")
        self.languageLabel = QLabel(self.generalBox)
        self.languageLabel.setObjectName(u"languageLabel")

        self.generalForm.setWidget(0, QFormLayout.ItemRole.LabelRole, self.languageLabel)

        self.languageCombo = QComboBox(self.generalBox)
        self.languageCombo.setObjectName(u"languageCombo")

        self.generalForm.setWidget(0, QFormLayout.ItemRole.FieldRole, self.languageCombo)

        self.serverLabel = QLabel(self.generalBox)
        self.serverLabel.setObjectName(u"serverLabel")

        self.generalForm.setWidget(1, QFormLayout.ItemRole.LabelRole, self.serverLabel)

        self.serverEdit = QLineEdit(self.generalBox)
        self.serverEdit.setObjectName(u"serverEdit")

        self.generalForm.setWidget(1, QFormLayout.ItemRole.FieldRole, self.serverEdit)

        self.serverHint = QLabel(self.generalBox)
        self.serverHint.setObjectName(u"serverHint")
        self.serverHint.setWordWrap(True)
        self.serverHint.setStyleSheet(u"color: #6b6f76;")

        self.generalForm.setWidget(2, QFormLayout.ItemRole.FieldRole, self.serverHint)


        self.mainLayout.addWidget(self.generalBox)

        self.errorLabel = QLabel(SettingsDialog)
        self.errorLabel.setObjectName(u"errorLabel")
        self.errorLabel.setWordWrap(True)
        self.errorLabel.setStyleSheet(u"color: #b3261e;")
        self.errorLabel.setText(u"")

        self.mainLayout.addWidget(self.errorLabel)

        self.buttonBox = QDialogButtonBox(SettingsDialog)
        self.buttonBox.setObjectName(u"buttonBox")
        self.buttonBox.setStandardButtons(QDialogButtonBox.StandardButton.Cancel|QDialogButtonBox.StandardButton.Ok)

        self.mainLayout.addWidget(self.buttonBox)

#if QT_CONFIG(shortcut)
        self.languageLabel.setBuddy(self.languageCombo)
        self.serverLabel.setBuddy(self.serverEdit)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(SettingsDialog)

        QMetaObject.connectSlotsByName(SettingsDialog)
    # setupUi

    def retranslateUi(self, SettingsDialog):
        SettingsDialog.setWindowTitle(QCoreApplication.translate("SettingsDialog", u"Settings", None))
        self.generalBox.setTitle(QCoreApplication.translate("SettingsDialog", u"General", None))
        self.languageLabel.setText(QCoreApplication.translate("SettingsDialog", u"&Language:", None))
        self.serverLabel.setText(QCoreApplication.translate("SettingsDialog", u"&Server address:", None))
        self.serverHint.setText(QCoreApplication.translate("SettingsDialog", u"A new server address is used the next time you sign in.", None))
    # retranslateUi

