# -*- coding: utf-8 -*-

################################################################################
##
##
################################################################################

from PySide6.QtCore import QCoreApplication, QMetaObject, QSize
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QSizePolicy,
    QSpacerItem,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

class Ui_ContactPreferencesDialog(object):
    def setupUi(self, ContactPreferencesDialog):
        if not ContactPreferencesDialog.objectName():
            ContactPreferencesDialog.setObjectName(u"ContactPreferencesDialog")
        ContactPreferencesDialog.setMinimumSize(QSize(640, 0))
        self.dialogLayout = QVBoxLayout(ContactPreferencesDialog)
        self.dialogLayout.setObjectName(u"dialogLayout")
        self.introLabel = QLabel(ContactPreferencesDialog)
        self.introLabel.setObjectName(u"introLabel")
        self.introLabel.setWordWrap(True)

        self.dialogLayout.addWidget(self.introLabel)

        self.statementsBox = QGroupBox(ContactPreferencesDialog)
        self.statementsBox.setObjectName(u"statementsBox")
        self.statementsLayout = QVBoxLayout(self.statementsBox)
        self.statementsLayout.setObjectName(u"statementsLayout")
        self.statementsList = QListWidget(self.statementsBox)
        self.statementsList.setObjectName(u"statementsList")
        self.statementsList.setAlternatingRowColors(True)

        self.statementsLayout.addWidget(self.statementsList)

        self.statementButtons = QHBoxLayout()
        self.statementButtons.setObjectName(u"statementButtons")
        self.emptyLabel = QLabel(self.statementsBox)
        self.emptyLabel.setObjectName(u"emptyLabel")
        self.emptyLabel.setText(u"")

        self.statementButtons.addWidget(self.emptyLabel)

        self.statementSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.statementButtons.addItem(self.statementSpacer)

        self.clearButton = QPushButton(self.statementsBox)
        self.clearButton.setObjectName(u"clearButton")
        self.clearButton.setEnabled(False)

        self.statementButtons.addWidget(self.clearButton)


        self.statementsLayout.addLayout(self.statementButtons)


        self.dialogLayout.addWidget(self.statementsBox)

        self.sourceBox = QGroupBox(ContactPreferencesDialog)
        self.sourceBox.setObjectName(u"sourceBox")
        self.sourceLayout = QFormLayout(self.sourceBox)
        self.sourceLayout.setObjectName(u"sourceLayout")
        self.sourceLabel = QLabel(self.sourceBox)
        self.sourceLabel.setObjectName(u"sourceLabel")

        self.sourceLayout.setWidget(0, QFormLayout.ItemRole.LabelRole, self.sourceLabel)

        self.sourceCombo = QComboBox(self.sourceBox)
        self.sourceCombo.setObjectName(u"sourceCombo")

        self.sourceLayout.setWidget(0, QFormLayout.ItemRole.FieldRole, self.sourceCombo)

        self.noteLabel = QLabel(self.sourceBox)
        self.noteLabel.setObjectName(u"noteLabel")

        self.sourceLayout.setWidget(1, QFormLayout.ItemRole.LabelRole, self.noteLabel)

        self.noteEdit = QLineEdit(self.sourceBox)
        self.noteEdit.setObjectName(u"noteEdit")
        self.noteEdit.setMaxLength(500)

        self.sourceLayout.setWidget(1, QFormLayout.ItemRole.FieldRole, self.noteEdit)


        self.dialogLayout.addWidget(self.sourceBox)

        self.optOutBox = QGroupBox(ContactPreferencesDialog)
        self.optOutBox.setObjectName(u"optOutBox")
        self.optOutLayout = QFormLayout(self.optOutBox)
        self.optOutLayout.setObjectName(u"optOutLayout")
        self.optOutChannelLabel = QLabel(self.optOutBox)
        self.optOutChannelLabel.setObjectName(u"optOutChannelLabel")

        self.optOutLayout.setWidget(0, QFormLayout.ItemRole.LabelRole, self.optOutChannelLabel)

        self.optOutChannel = QComboBox(self.optOutBox)
        self.optOutChannel.setObjectName(u"optOutChannel")

        self.optOutLayout.setWidget(0, QFormLayout.ItemRole.FieldRole, self.optOutChannel)

        self.optOutPointLabel = QLabel(self.optOutBox)
        self.optOutPointLabel.setObjectName(u"optOutPointLabel")

        self.optOutLayout.setWidget(1, QFormLayout.ItemRole.LabelRole, self.optOutPointLabel)

        self.optOutPoint = QComboBox(self.optOutBox)
        self.optOutPoint.setObjectName(u"optOutPoint")

        self.optOutLayout.setWidget(1, QFormLayout.ItemRole.FieldRole, self.optOutPoint)

        self.addOptOutButton = QPushButton(self.optOutBox)
        self.addOptOutButton.setObjectName(u"addOptOutButton")

        self.optOutLayout.setWidget(2, QFormLayout.ItemRole.FieldRole, self.addOptOutButton)


        self.dialogLayout.addWidget(self.optOutBox)

        self.workplaceBox = QGroupBox(ContactPreferencesDialog)
        self.workplaceBox.setObjectName(u"workplaceBox")
        self.workplaceLayout = QFormLayout(self.workplaceBox)
        self.workplaceLayout.setObjectName(u"workplaceLayout")
        self.workplacePointLabel = QLabel(self.workplaceBox)
        self.workplacePointLabel.setObjectName(u"workplacePointLabel")

        self.workplaceLayout.setWidget(0, QFormLayout.ItemRole.LabelRole, self.workplacePointLabel)

        self.workplacePoint = QComboBox(self.workplaceBox)
        self.workplacePoint.setObjectName(u"workplacePoint")

        self.workplaceLayout.setWidget(0, QFormLayout.ItemRole.FieldRole, self.workplacePoint)

        self.addWorkplaceButton = QPushButton(self.workplaceBox)
        self.addWorkplaceButton.setObjectName(u"addWorkplaceButton")

        self.workplaceLayout.setWidget(1, QFormLayout.ItemRole.FieldRole, self.addWorkplaceButton)


        self.dialogLayout.addWidget(self.workplaceBox)

        self.timeBox = QGroupBox(ContactPreferencesDialog)
        self.timeBox.setObjectName(u"timeBox")
        self.timeLayout = QFormLayout(self.timeBox)
        self.timeLayout.setObjectName(u"timeLayout")
        self.daysLabel = QLabel(self.timeBox)
        self.daysLabel.setObjectName(u"daysLabel")

        self.timeLayout.setWidget(0, QFormLayout.ItemRole.LabelRole, self.daysLabel)

        self.daysLayout = QHBoxLayout()
        self.daysLayout.setObjectName(u"daysLayout")
        self.day0 = QCheckBox(self.timeBox)
        self.day0.setObjectName(u"day0")

        self.daysLayout.addWidget(self.day0)

        self.day1 = QCheckBox(self.timeBox)
        self.day1.setObjectName(u"day1")

        self.daysLayout.addWidget(self.day1)

        self.day2 = QCheckBox(self.timeBox)
        self.day2.setObjectName(u"day2")

        self.daysLayout.addWidget(self.day2)

        self.day3 = QCheckBox(self.timeBox)
        self.day3.setObjectName(u"day3")

        self.daysLayout.addWidget(self.day3)

        self.day4 = QCheckBox(self.timeBox)
        self.day4.setObjectName(u"day4")

        self.daysLayout.addWidget(self.day4)

        self.day5 = QCheckBox(self.timeBox)
        self.day5.setObjectName(u"day5")

        self.daysLayout.addWidget(self.day5)

        self.day6 = QCheckBox(self.timeBox)
        self.day6.setObjectName(u"day6")

        self.daysLayout.addWidget(self.day6)


        self.timeLayout.setLayout(0, QFormLayout.ItemRole.FieldRole, self.daysLayout)

        self.fromLabel = QLabel(self.timeBox)
        self.fromLabel.setObjectName(u"fromLabel")

        self.timeLayout.setWidget(1, QFormLayout.ItemRole.LabelRole, self.fromLabel)

        self.timeRange = QHBoxLayout()
        self.timeRange.setObjectName(u"timeRange")
        self.startEdit = QTimeEdit(self.timeBox)
        self.startEdit.setObjectName(u"startEdit")
        self.startEdit.setDisplayFormat(u"HH:mm")

        self.timeRange.addWidget(self.startEdit)

        self.untilLabel = QLabel(self.timeBox)
        self.untilLabel.setObjectName(u"untilLabel")

        self.timeRange.addWidget(self.untilLabel)

        self.endEdit = QTimeEdit(self.timeBox)
        self.endEdit.setObjectName(u"endEdit")
        self.endEdit.setDisplayFormat(u"HH:mm")

        self.timeRange.addWidget(self.endEdit)

        self.timeSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.timeRange.addItem(self.timeSpacer)


        self.timeLayout.setLayout(1, QFormLayout.ItemRole.FieldRole, self.timeRange)

        self.timeChannelLabel = QLabel(self.timeBox)
        self.timeChannelLabel.setObjectName(u"timeChannelLabel")

        self.timeLayout.setWidget(2, QFormLayout.ItemRole.LabelRole, self.timeChannelLabel)

        self.timeChannel = QComboBox(self.timeBox)
        self.timeChannel.setObjectName(u"timeChannel")

        self.timeLayout.setWidget(2, QFormLayout.ItemRole.FieldRole, self.timeChannel)

        self.daysHint = QLabel(self.timeBox)
        self.daysHint.setObjectName(u"daysHint")
        self.daysHint.setWordWrap(True)

        self.timeLayout.setWidget(3, QFormLayout.ItemRole.FieldRole, self.daysHint)

        self.addTimeButton = QPushButton(self.timeBox)
        self.addTimeButton.setObjectName(u"addTimeButton")

        self.timeLayout.setWidget(4, QFormLayout.ItemRole.FieldRole, self.addTimeButton)


        self.dialogLayout.addWidget(self.timeBox)

        self.messageLabel = QLabel(ContactPreferencesDialog)
        self.messageLabel.setObjectName(u"messageLabel")
        self.messageLabel.setText(u"")
        self.messageLabel.setWordWrap(True)

        self.dialogLayout.addWidget(self.messageLabel)

        self.buttonBox = QDialogButtonBox(ContactPreferencesDialog)
        self.buttonBox.setObjectName(u"buttonBox")
        self.buttonBox.setStandardButtons(QDialogButtonBox.StandardButton.Close)

        self.dialogLayout.addWidget(self.buttonBox)

#if QT_CONFIG(shortcut)
        self.sourceLabel.setBuddy(self.sourceCombo)
        self.noteLabel.setBuddy(self.noteEdit)
        self.optOutChannelLabel.setBuddy(self.optOutChannel)
        self.optOutPointLabel.setBuddy(self.optOutPoint)
        self.workplacePointLabel.setBuddy(self.workplacePoint)
        self.fromLabel.setBuddy(self.startEdit)
        self.untilLabel.setBuddy(self.endEdit)
        self.timeChannelLabel.setBuddy(self.timeChannel)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.sourceCombo, self.noteEdit)
        QWidget.setTabOrder(self.noteEdit, self.optOutChannel)
        QWidget.setTabOrder(self.optOutChannel, self.optOutPoint)
        QWidget.setTabOrder(self.optOutPoint, self.addOptOutButton)
        QWidget.setTabOrder(self.addOptOutButton, self.workplacePoint)
        QWidget.setTabOrder(self.workplacePoint, self.addWorkplaceButton)
        QWidget.setTabOrder(self.addWorkplaceButton, self.day0)
        QWidget.setTabOrder(self.day0, self.day1)
        QWidget.setTabOrder(self.day1, self.day2)
        QWidget.setTabOrder(self.day2, self.day3)
        QWidget.setTabOrder(self.day3, self.day4)
        QWidget.setTabOrder(self.day4, self.day5)
        QWidget.setTabOrder(self.day5, self.day6)
        QWidget.setTabOrder(self.day6, self.startEdit)
        QWidget.setTabOrder(self.startEdit, self.endEdit)
        QWidget.setTabOrder(self.endEdit, self.timeChannel)
        QWidget.setTabOrder(self.timeChannel, self.addTimeButton)
        QWidget.setTabOrder(self.addTimeButton, self.statementsList)
        QWidget.setTabOrder(self.statementsList, self.clearButton)

        self.retranslateUi(ContactPreferencesDialog)

        QMetaObject.connectSlotsByName(ContactPreferencesDialog)
    # setupUi

    def retranslateUi(self, ContactPreferencesDialog):
        ContactPreferencesDialog.setWindowTitle(QCoreApplication.translate("ContactPreferencesDialog", u"Contact preferences", None))
        self.introLabel.setText(QCoreApplication.translate("ContactPreferencesDialog", u"What the borrower (or their employer) said about being contacted. It holds for every case of this borrower and is enforced on every desktop once synced.", None))
        self.statementsBox.setTitle(QCoreApplication.translate("ContactPreferencesDialog", u"In force for this borrower", None))
        self.clearButton.setText(QCoreApplication.translate("ContactPreferencesDialog", u"C&lear selected", None))
        self.sourceBox.setTitle(QCoreApplication.translate("ContactPreferencesDialog", u"How it was said", None))
        self.sourceLabel.setText(QCoreApplication.translate("ContactPreferencesDialog", u"&Said by:", None))
        self.noteLabel.setText(QCoreApplication.translate("ContactPreferencesDialog", u"&Words:", None))
        self.noteEdit.setPlaceholderText(QCoreApplication.translate("ContactPreferencesDialog", u"What they said, in their words (optional)", None))
        self.optOutBox.setTitle(QCoreApplication.translate("ContactPreferencesDialog", u"Opt out of a channel", None))
        self.optOutChannelLabel.setText(QCoreApplication.translate("ContactPreferencesDialog", u"C&hannel:", None))
        self.optOutPointLabel.setText(QCoreApplication.translate("ContactPreferencesDialog", u"A&pplies to:", None))
        self.addOptOutButton.setText(QCoreApplication.translate("ContactPreferencesDialog", u"Add &opt-out", None))
        self.workplaceBox.setTitle(QCoreApplication.translate("ContactPreferencesDialog", u"Employer forbids contact", None))
        self.workplacePointLabel.setText(QCoreApplication.translate("ContactPreferencesDialog", u"&Number or address:", None))
        self.addWorkplaceButton.setText(QCoreApplication.translate("ContactPreferencesDialog", u"&Mark as forbidden", None))
        self.timeBox.setTitle(QCoreApplication.translate("ContactPreferencesDialog", u"Inconvenient time (borrower's local time)", None))
        self.daysLabel.setText(QCoreApplication.translate("ContactPreferencesDialog", u"Days:", None))
        self.day0.setText(QCoreApplication.translate("ContactPreferencesDialog", u"Mon", None))
        self.day1.setText(QCoreApplication.translate("ContactPreferencesDialog", u"Tue", None))
        self.day2.setText(QCoreApplication.translate("ContactPreferencesDialog", u"Wed", None))
        self.day3.setText(QCoreApplication.translate("ContactPreferencesDialog", u"Thu", None))
        self.day4.setText(QCoreApplication.translate("ContactPreferencesDialog", u"Fri", None))
        self.day5.setText(QCoreApplication.translate("ContactPreferencesDialog", u"Sat", None))
        self.day6.setText(QCoreApplication.translate("ContactPreferencesDialog", u"Sun", None))
        self.fromLabel.setText(QCoreApplication.translate("ContactPreferencesDialog", u"&From:", None))
        self.untilLabel.setText(QCoreApplication.translate("ContactPreferencesDialog", u"&until", None))
        self.timeChannelLabel.setText(QCoreApplication.translate("ContactPreferencesDialog", u"Cha&nnel:", None))
        self.daysHint.setText(QCoreApplication.translate("ContactPreferencesDialog", u"No day ticked means every day.", None))
        self.addTimeButton.setText(QCoreApplication.translate("ContactPreferencesDialog", u"Add &inconvenient time", None))
    # retranslateUi

