# -*- coding: utf-8 -*-

################################################################################
##
##
################################################################################

from PySide6.QtCore import QCoreApplication, QMetaObject
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDateTimeEdit,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QSpacerItem,
    QVBoxLayout,
)

class Ui_CallOutcomeForm(object):
    def setupUi(self, CallOutcomeForm):
        if not CallOutcomeForm.objectName():
            CallOutcomeForm.setObjectName(u"CallOutcomeForm")
        CallOutcomeForm.resize(440, 560)
        self.outcomeLayout = QVBoxLayout(CallOutcomeForm)
        self.outcomeLayout.setObjectName(u"outcomeLayout")
        self.outcomeForm = QFormLayout()
        self.outcomeForm.setObjectName(u"outcomeForm")
        self.resultLabel = QLabel(CallOutcomeForm)
        self.resultLabel.setObjectName(u"resultLabel")

        self.outcomeForm.setWidget(0, QFormLayout.ItemRole.LabelRole, self.resultLabel)

        self.resultCombo = QComboBox(CallOutcomeForm)
        self.resultCombo.setObjectName(u"resultCombo")

        self.outcomeForm.setWidget(0, QFormLayout.ItemRole.FieldRole, self.resultCombo)

        self.reasonLabel = QLabel(CallOutcomeForm)
        self.reasonLabel.setObjectName(u"reasonLabel")

        self.outcomeForm.setWidget(1, QFormLayout.ItemRole.LabelRole, self.reasonLabel)

        self.reasonCombo = QComboBox(CallOutcomeForm)
        self.reasonCombo.setObjectName(u"reasonCombo")

        self.outcomeForm.setWidget(1, QFormLayout.ItemRole.FieldRole, self.reasonCombo)

        self.moodLabel = QLabel(CallOutcomeForm)
        self.moodLabel.setObjectName(u"moodLabel")

        self.outcomeForm.setWidget(2, QFormLayout.ItemRole.LabelRole, self.moodLabel)

        self.moodCombo = QComboBox(CallOutcomeForm)
        self.moodCombo.setObjectName(u"moodCombo")

        self.outcomeForm.setWidget(2, QFormLayout.ItemRole.FieldRole, self.moodCombo)


        self.outcomeLayout.addLayout(self.outcomeForm)

        self.notesLabel = QLabel(CallOutcomeForm)
        self.notesLabel.setObjectName(u"notesLabel")

        self.outcomeLayout.addWidget(self.notesLabel)

        self.notesEdit = QPlainTextEdit(CallOutcomeForm)
        self.notesEdit.setObjectName(u"notesEdit")
        self.notesEdit.setTabChangesFocus(True)

        self.outcomeLayout.addWidget(self.notesEdit)

        self.notesProblem = QLabel(CallOutcomeForm)
        self.notesProblem.setObjectName(u"notesProblem")
        self.notesProblem.setText(u"")
        self.notesProblem.setWordWrap(True)

        self.outcomeLayout.addWidget(self.notesProblem)

        self.promiseGroup = QGroupBox(CallOutcomeForm)
        self.promiseGroup.setObjectName(u"promiseGroup")
        self.promiseGroup.setCheckable(True)
        self.promiseGroup.setChecked(False)
        self.promiseForm = QFormLayout(self.promiseGroup)
        self.promiseForm.setObjectName(u"promiseForm")
        self.promiseAmountLabel = QLabel(self.promiseGroup)
        self.promiseAmountLabel.setObjectName(u"promiseAmountLabel")

        self.promiseForm.setWidget(0, QFormLayout.ItemRole.LabelRole, self.promiseAmountLabel)

        self.promiseAmountEdit = QLineEdit(self.promiseGroup)
        self.promiseAmountEdit.setObjectName(u"promiseAmountEdit")

        self.promiseForm.setWidget(0, QFormLayout.ItemRole.FieldRole, self.promiseAmountEdit)

        self.promiseDateLabel = QLabel(self.promiseGroup)
        self.promiseDateLabel.setObjectName(u"promiseDateLabel")

        self.promiseForm.setWidget(1, QFormLayout.ItemRole.LabelRole, self.promiseDateLabel)

        self.promiseDateEdit = QDateEdit(self.promiseGroup)
        self.promiseDateEdit.setObjectName(u"promiseDateEdit")
        self.promiseDateEdit.setCalendarPopup(True)

        self.promiseForm.setWidget(1, QFormLayout.ItemRole.FieldRole, self.promiseDateEdit)

        self.promiseProblem = QLabel(self.promiseGroup)
        self.promiseProblem.setObjectName(u"promiseProblem")
        self.promiseProblem.setText(u"")
        self.promiseProblem.setWordWrap(True)

        self.promiseForm.setWidget(2, QFormLayout.ItemRole.SpanningRole, self.promiseProblem)


        self.outcomeLayout.addWidget(self.promiseGroup)

        self.followUpRow = QHBoxLayout()
        self.followUpRow.setObjectName(u"followUpRow")
        self.followUpCheck = QCheckBox(CallOutcomeForm)
        self.followUpCheck.setObjectName(u"followUpCheck")

        self.followUpRow.addWidget(self.followUpCheck)

        self.followUpEdit = QDateTimeEdit(CallOutcomeForm)
        self.followUpEdit.setObjectName(u"followUpEdit")
        self.followUpEdit.setEnabled(False)
        self.followUpEdit.setCalendarPopup(True)

        self.followUpRow.addWidget(self.followUpEdit)


        self.outcomeLayout.addLayout(self.followUpRow)

        self.saveProblem = QLabel(CallOutcomeForm)
        self.saveProblem.setObjectName(u"saveProblem")
        self.saveProblem.setText(u"")
        self.saveProblem.setWordWrap(True)

        self.outcomeLayout.addWidget(self.saveProblem)

        self.saveRow = QHBoxLayout()
        self.saveRow.setObjectName(u"saveRow")
        self.saveSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.saveRow.addItem(self.saveSpacer)

        self.saveButton = QPushButton(CallOutcomeForm)
        self.saveButton.setObjectName(u"saveButton")

        self.saveRow.addWidget(self.saveButton)


        self.outcomeLayout.addLayout(self.saveRow)

#if QT_CONFIG(shortcut)
        self.resultLabel.setBuddy(self.resultCombo)
        self.reasonLabel.setBuddy(self.reasonCombo)
        self.moodLabel.setBuddy(self.moodCombo)
        self.notesLabel.setBuddy(self.notesEdit)
        self.promiseAmountLabel.setBuddy(self.promiseAmountEdit)
        self.promiseDateLabel.setBuddy(self.promiseDateEdit)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(CallOutcomeForm)

        self.saveButton.setDefault(True)


        QMetaObject.connectSlotsByName(CallOutcomeForm)
    # setupUi

    def retranslateUi(self, CallOutcomeForm):
        self.resultLabel.setText(QCoreApplication.translate("CallOutcomeForm", u"&Result", None))
        self.reasonLabel.setText(QCoreApplication.translate("CallOutcomeForm", u"Reason for &delinquency", None))
        self.moodLabel.setText(QCoreApplication.translate("CallOutcomeForm", u"Borrower's &mood", None))
        self.notesLabel.setText(QCoreApplication.translate("CallOutcomeForm", u"&Notes", None))
        self.promiseGroup.setTitle(QCoreApplication.translate("CallOutcomeForm", u"&Promise to pay", None))
        self.promiseAmountLabel.setText(QCoreApplication.translate("CallOutcomeForm", u"&Amount", None))
        self.promiseDateLabel.setText(QCoreApplication.translate("CallOutcomeForm", u"&By", None))
        self.followUpCheck.setText(QCoreApplication.translate("CallOutcomeForm", u"Next &follow-up", None))
        self.saveButton.setText(QCoreApplication.translate("CallOutcomeForm", u"&Save call", None))
        pass
    # retranslateUi

