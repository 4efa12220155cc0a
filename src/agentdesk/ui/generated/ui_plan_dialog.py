# -*- coding: utf-8 -*-

################################################################################
##
##
################################################################################

from PySide6.QtCore import QCoreApplication, QMetaObject, QSize, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSpacerItem,
    QSpinBox,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

class Ui_PlanProposalDialog(object):
    def setupUi(self, PlanProposalDialog):
        if not PlanProposalDialog.objectName():
            PlanProposalDialog.setObjectName(u"PlanProposalDialog")
        PlanProposalDialog.resize(1180, 760)
        self.mainLayout = QVBoxLayout(PlanProposalDialog)
        self.mainLayout.setObjectName(u"mainLayout")
        self.positionLabel = QLabel(PlanProposalDialog)
        self.positionLabel.setObjectName(u"positionLabel")
        self.positionLabel.setText(u"")
        self.positionLabel.setWordWrap(True)

        self.mainLayout.addWidget(self.positionLabel)

        self.splitter = QSplitter(PlanProposalDialog)
        self.splitter.setObjectName(u"splitter")
        self.splitter.setOrientation(Qt.Orientation.Horizontal)
        self.splitter.setChildrenCollapsible(False)
        self.optionsScroll = QScrollArea(self.splitter)
        self.optionsScroll.setObjectName(u"optionsScroll")
        self.optionsScroll.setWidgetResizable(True)
        self.optionsScroll.setMinimumSize(QSize(380, 0))
        self.optionsPage = QWidget()
        self.optionsPage.setObjectName(u"optionsPage")
        self.optionsPageLayout = QVBoxLayout(self.optionsPage)
        self.optionsPageLayout.setObjectName(u"optionsPageLayout")
        self.optionsGroup = QGroupBox(self.optionsPage)
        self.optionsGroup.setObjectName(u"optionsGroup")
        self.optionsForm = QFormLayout(self.optionsGroup)
        self.optionsForm.setObjectName(u"optionsForm")
        self.optionsForm.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.extensionLabel = QLabel(self.optionsGroup)
        self.extensionLabel.setObjectName(u"extensionLabel")

        self.optionsForm.setWidget(0, QFormLayout.ItemRole.LabelRole, self.extensionLabel)

        self.extensionSpin = QSpinBox(self.optionsGroup)
        self.extensionSpin.setObjectName(u"extensionSpin")
        self.extensionSpin.setMaximum(120)

        self.optionsForm.setWidget(0, QFormLayout.ItemRole.FieldRole, self.extensionSpin)

        self.graceLabel = QLabel(self.optionsGroup)
        self.graceLabel.setObjectName(u"graceLabel")

        self.optionsForm.setWidget(1, QFormLayout.ItemRole.LabelRole, self.graceLabel)

        self.graceRow = QHBoxLayout()
        self.graceRow.setObjectName(u"graceRow")
        self.graceSpin = QSpinBox(self.optionsGroup)
        self.graceSpin.setObjectName(u"graceSpin")
        self.graceSpin.setMaximum(120)

        self.graceRow.addWidget(self.graceSpin)

        self.graceKindCombo = QComboBox(self.optionsGroup)
        self.graceKindCombo.setObjectName(u"graceKindCombo")

        self.graceRow.addWidget(self.graceKindCombo)


        self.optionsForm.setLayout(1, QFormLayout.ItemRole.FieldRole, self.graceRow)

        self.rateLabel = QLabel(self.optionsGroup)
        self.rateLabel.setObjectName(u"rateLabel")

        self.optionsForm.setWidget(2, QFormLayout.ItemRole.LabelRole, self.rateLabel)

        self.rateEdit = QLineEdit(self.optionsGroup)
        self.rateEdit.setObjectName(u"rateEdit")

        self.optionsForm.setWidget(2, QFormLayout.ItemRole.FieldRole, self.rateEdit)

        self.waiverKindLabel = QLabel(self.optionsGroup)
        self.waiverKindLabel.setObjectName(u"waiverKindLabel")

        self.optionsForm.setWidget(3, QFormLayout.ItemRole.LabelRole, self.waiverKindLabel)

        self.waiverKindCombo = QComboBox(self.optionsGroup)
        self.waiverKindCombo.setObjectName(u"waiverKindCombo")

        self.optionsForm.setWidget(3, QFormLayout.ItemRole.FieldRole, self.waiverKindCombo)

        self.penaltyWaiverLabel = QLabel(self.optionsGroup)
        self.penaltyWaiverLabel.setObjectName(u"penaltyWaiverLabel")

        self.optionsForm.setWidget(4, QFormLayout.ItemRole.LabelRole, self.penaltyWaiverLabel)

        self.penaltyWaiverEdit = QLineEdit(self.optionsGroup)
        self.penaltyWaiverEdit.setObjectName(u"penaltyWaiverEdit")

        self.optionsForm.setWidget(4, QFormLayout.ItemRole.FieldRole, self.penaltyWaiverEdit)

        self.feeWaiverLabel = QLabel(self.optionsGroup)
        self.feeWaiverLabel.setObjectName(u"feeWaiverLabel")

        self.optionsForm.setWidget(5, QFormLayout.ItemRole.LabelRole, self.feeWaiverLabel)

        self.feeWaiverEdit = QLineEdit(self.optionsGroup)
        self.feeWaiverEdit.setObjectName(u"feeWaiverEdit")

        self.optionsForm.setWidget(5, QFormLayout.ItemRole.FieldRole, self.feeWaiverEdit)

        self.downPaymentLabel = QLabel(self.optionsGroup)
        self.downPaymentLabel.setObjectName(u"downPaymentLabel")

        self.optionsForm.setWidget(6, QFormLayout.ItemRole.LabelRole, self.downPaymentLabel)

        self.downPaymentEdit = QLineEdit(self.optionsGroup)
        self.downPaymentEdit.setObjectName(u"downPaymentEdit")

        self.optionsForm.setWidget(6, QFormLayout.ItemRole.FieldRole, self.downPaymentEdit)

        self.stepUpLabel = QLabel(self.optionsGroup)
        self.stepUpLabel.setObjectName(u"stepUpLabel")

        self.optionsForm.setWidget(7, QFormLayout.ItemRole.LabelRole, self.stepUpLabel)

        self.stepUpRow = QHBoxLayout()
        self.stepUpRow.setObjectName(u"stepUpRow")
        self.stepUpMonthsSpin = QSpinBox(self.optionsGroup)
        self.stepUpMonthsSpin.setObjectName(u"stepUpMonthsSpin")
        self.stepUpMonthsSpin.setMaximum(120)

        self.stepUpRow.addWidget(self.stepUpMonthsSpin)

        self.stepUpPercentEdit = QLineEdit(self.optionsGroup)
        self.stepUpPercentEdit.setObjectName(u"stepUpPercentEdit")

        self.stepUpRow.addWidget(self.stepUpPercentEdit)


        self.optionsForm.setLayout(7, QFormLayout.ItemRole.FieldRole, self.stepUpRow)

        self.firstDueCheck = QCheckBox(self.optionsGroup)
        self.firstDueCheck.setObjectName(u"firstDueCheck")

        self.optionsForm.setWidget(8, QFormLayout.ItemRole.LabelRole, self.firstDueCheck)

        self.firstDueEdit = QDateEdit(self.optionsGroup)
        self.firstDueEdit.setObjectName(u"firstDueEdit")
        self.firstDueEdit.setEnabled(False)
        self.firstDueEdit.setCalendarPopup(True)

        self.optionsForm.setWidget(8, QFormLayout.ItemRole.FieldRole, self.firstDueEdit)

        self.methodLabel = QLabel(self.optionsGroup)
        self.methodLabel.setObjectName(u"methodLabel")

        self.optionsForm.setWidget(9, QFormLayout.ItemRole.LabelRole, self.methodLabel)

        self.methodCombo = QComboBox(self.optionsGroup)
        self.methodCombo.setObjectName(u"methodCombo")

        self.optionsForm.setWidget(9, QFormLayout.ItemRole.FieldRole, self.methodCombo)

        self.capitaliseCheck = QCheckBox(self.optionsGroup)
        self.capitaliseCheck.setObjectName(u"capitaliseCheck")

        self.optionsForm.setWidget(10, QFormLayout.ItemRole.FieldRole, self.capitaliseCheck)


        self.optionsPageLayout.addWidget(self.optionsGroup)

        self.affordabilityGroup = QGroupBox(self.optionsPage)
        self.affordabilityGroup.setObjectName(u"affordabilityGroup")
        self.affordabilityForm = QFormLayout(self.affordabilityGroup)
        self.affordabilityForm.setObjectName(u"affordabilityForm")
        self.incomeLabel = QLabel(self.affordabilityGroup)
        self.incomeLabel.setObjectName(u"incomeLabel")

        self.affordabilityForm.setWidget(0, QFormLayout.ItemRole.LabelRole, self.incomeLabel)

        self.incomeEdit = QLineEdit(self.affordabilityGroup)
        self.incomeEdit.setObjectName(u"incomeEdit")

        self.affordabilityForm.setWidget(0, QFormLayout.ItemRole.FieldRole, self.incomeEdit)

        self.expensesLabel = QLabel(self.affordabilityGroup)
        self.expensesLabel.setObjectName(u"expensesLabel")

        self.affordabilityForm.setWidget(1, QFormLayout.ItemRole.LabelRole, self.expensesLabel)

        self.expensesEdit = QLineEdit(self.affordabilityGroup)
        self.expensesEdit.setObjectName(u"expensesEdit")

        self.affordabilityForm.setWidget(1, QFormLayout.ItemRole.FieldRole, self.expensesEdit)

        self.affordabilityText = QLabel(self.affordabilityGroup)
        self.affordabilityText.setObjectName(u"affordabilityText")
        self.affordabilityText.setText(u"")
        self.affordabilityText.setWordWrap(True)

        self.affordabilityForm.setWidget(2, QFormLayout.ItemRole.SpanningRole, self.affordabilityText)


        self.optionsPageLayout.addWidget(self.affordabilityGroup)

        self.justificationLabel = QLabel(self.optionsPage)
        self.justificationLabel.setObjectName(u"justificationLabel")

        self.optionsPageLayout.addWidget(self.justificationLabel)

        self.justificationEdit = QPlainTextEdit(self.optionsPage)
        self.justificationEdit.setObjectName(u"justificationEdit")
        self.justificationEdit.setMaximumSize(QSize(16777215, 90))

        self.optionsPageLayout.addWidget(self.justificationEdit)

        self.optionsSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.optionsPageLayout.addItem(self.optionsSpacer)

        self.optionsScroll.setWidget(self.optionsPage)
        self.splitter.addWidget(self.optionsScroll)
        self.resultsPane = QWidget(self.splitter)
        self.resultsPane.setObjectName(u"resultsPane")
        self.resultsLayout = QVBoxLayout(self.resultsPane)
        self.resultsLayout.setObjectName(u"resultsLayout")
        self.resultsLayout.setContentsMargins(0, 0, 0, 0)
        self.verdictLabel = QLabel(self.resultsPane)
        self.verdictLabel.setObjectName(u"verdictLabel")
        self.verdictLabel.setText(u"")
        self.verdictLabel.setWordWrap(True)

        self.resultsLayout.addWidget(self.verdictLabel)

        self.concessionsLabel = QLabel(self.resultsPane)
        self.concessionsLabel.setObjectName(u"concessionsLabel")
        self.concessionsLabel.setText(u"")
        self.concessionsLabel.setWordWrap(True)

        self.resultsLayout.addWidget(self.concessionsLabel)

        self.chartHolder = QWidget(self.resultsPane)
        self.chartHolder.setObjectName(u"chartHolder")
        self.chartHolder.setMinimumSize(QSize(0, 220))
        self.chartLayout = QVBoxLayout(self.chartHolder)
        self.chartLayout.setObjectName(u"chartLayout")
        self.chartLayout.setContentsMargins(0, 0, 0, 0)

        self.resultsLayout.addWidget(self.chartHolder)

        self.scheduleView = QTableView(self.resultsPane)
        self.scheduleView.setObjectName(u"scheduleView")
        self.scheduleView.setAlternatingRowColors(True)
        self.scheduleView.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)

        self.resultsLayout.addWidget(self.scheduleView)

        self.splitter.addWidget(self.resultsPane)

        self.mainLayout.addWidget(self.splitter)

        self.buttonRow = QHBoxLayout()
        self.buttonRow.setObjectName(u"buttonRow")
        self.statusLabel = QLabel(PlanProposalDialog)
        self.statusLabel.setObjectName(u"statusLabel")
        self.statusLabel.setText(u"")
        self.statusLabel.setWordWrap(True)

        self.buttonRow.addWidget(self.statusLabel)

        self.buttonSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.buttonRow.addItem(self.buttonSpacer)

        self.cancelButton = QPushButton(PlanProposalDialog)
        self.cancelButton.setObjectName(u"cancelButton")

        self.buttonRow.addWidget(self.cancelButton)

        self.submitButton = QPushButton(PlanProposalDialog)
        self.submitButton.setObjectName(u"submitButton")

        self.buttonRow.addWidget(self.submitButton)


        self.mainLayout.addLayout(self.buttonRow)

        self.mainLayout.setStretch(1, 1)
#if QT_CONFIG(shortcut)
        self.extensionLabel.setBuddy(self.extensionSpin)
        self.graceLabel.setBuddy(self.graceSpin)
        self.rateLabel.setBuddy(self.rateEdit)
        self.waiverKindLabel.setBuddy(self.waiverKindCombo)
        self.penaltyWaiverLabel.setBuddy(self.penaltyWaiverEdit)
        self.feeWaiverLabel.setBuddy(self.feeWaiverEdit)
        self.downPaymentLabel.setBuddy(self.downPaymentEdit)
        self.stepUpLabel.setBuddy(self.stepUpMonthsSpin)
        self.methodLabel.setBuddy(self.methodCombo)
        self.incomeLabel.setBuddy(self.incomeEdit)
        self.expensesLabel.setBuddy(self.expensesEdit)
        self.justificationLabel.setBuddy(self.justificationEdit)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.extensionSpin, self.graceSpin)
        QWidget.setTabOrder(self.graceSpin, self.graceKindCombo)
        QWidget.setTabOrder(self.graceKindCombo, self.rateEdit)
        QWidget.setTabOrder(self.rateEdit, self.waiverKindCombo)
        QWidget.setTabOrder(self.waiverKindCombo, self.penaltyWaiverEdit)
        QWidget.setTabOrder(self.penaltyWaiverEdit, self.feeWaiverEdit)
        QWidget.setTabOrder(self.feeWaiverEdit, self.downPaymentEdit)
        QWidget.setTabOrder(self.downPaymentEdit, self.stepUpMonthsSpin)
        QWidget.setTabOrder(self.stepUpMonthsSpin, self.stepUpPercentEdit)
        QWidget.setTabOrder(self.stepUpPercentEdit, self.firstDueCheck)
        QWidget.setTabOrder(self.firstDueCheck, self.firstDueEdit)
        QWidget.setTabOrder(self.firstDueEdit, self.methodCombo)
        QWidget.setTabOrder(self.methodCombo, self.capitaliseCheck)
        QWidget.setTabOrder(self.capitaliseCheck, self.incomeEdit)
        QWidget.setTabOrder(self.incomeEdit, self.expensesEdit)
        QWidget.setTabOrder(self.expensesEdit, self.justificationEdit)
        QWidget.setTabOrder(self.justificationEdit, self.submitButton)
        QWidget.setTabOrder(self.submitButton, self.cancelButton)

        self.retranslateUi(PlanProposalDialog)

        self.submitButton.setDefault(True)


        QMetaObject.connectSlotsByName(PlanProposalDialog)
    # setupUi

    def retranslateUi(self, PlanProposalDialog):
        PlanProposalDialog.setWindowTitle(QCoreApplication.translate("PlanProposalDialog", u"Propose a repayment plan", None))
        self.optionsGroup.setTitle(QCoreApplication.translate("PlanProposalDialog", u"Plan options", None))
        self.extensionLabel.setText(QCoreApplication.translate("PlanProposalDialog", u"&Extension (months)", None))
        self.graceLabel.setText(QCoreApplication.translate("PlanProposalDialog", u"&Grace (months)", None))
        self.rateLabel.setText(QCoreApplication.translate("PlanProposalDialog", u"New annual &rate (%)", None))
        self.waiverKindLabel.setText(QCoreApplication.translate("PlanProposalDialog", u"&Waivers given as", None))
        self.penaltyWaiverLabel.setText(QCoreApplication.translate("PlanProposalDialog", u"Penalty interest waived", None))
        self.feeWaiverLabel.setText(QCoreApplication.translate("PlanProposalDialog", u"Fees waived", None))
        self.downPaymentLabel.setText(QCoreApplication.translate("PlanProposalDialog", u"&Down payment", None))
        self.stepUpLabel.setText(QCoreApplication.translate("PlanProposalDialog", u"&Step-up (months, % of instalment)", None))
        self.firstDueCheck.setText(QCoreApplication.translate("PlanProposalDialog", u"&First due date", None))
        self.methodLabel.setText(QCoreApplication.translate("PlanProposalDialog", u"Repayment &method", None))
        self.capitaliseCheck.setText(QCoreApplication.translate("PlanProposalDialog", u"&Capitalise arrears into the new principal", None))
        self.affordabilityGroup.setTitle(QCoreApplication.translate("PlanProposalDialog", u"Affordability", None))
        self.incomeLabel.setText(QCoreApplication.translate("PlanProposalDialog", u"Monthly &income", None))
        self.expensesLabel.setText(QCoreApplication.translate("PlanProposalDialog", u"Essential e&xpenses", None))
        self.justificationLabel.setText(QCoreApplication.translate("PlanProposalDialog", u"&Justification for the approver", None))
        self.cancelButton.setText(QCoreApplication.translate("PlanProposalDialog", u"Cancel", None))
        self.submitButton.setText(QCoreApplication.translate("PlanProposalDialog", u"&Submit proposal", None))
    # retranslateUi

