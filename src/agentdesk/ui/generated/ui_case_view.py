# -*- coding: utf-8 -*-

################################################################################
##
##
################################################################################

from PySide6.QtCore import QCoreApplication, QMetaObject, QRect, QSize, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSpacerItem,
    QSplitter,
    QTabWidget,
    QTableView,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

class Ui_CaseView(object):
    def setupUi(self, CaseView):
        if not CaseView.objectName():
            CaseView.setObjectName(u"CaseView")
        CaseView.resize(1100, 720)
        self.caseLayout = QVBoxLayout(CaseView)
        self.caseLayout.setObjectName(u"caseLayout")
        self.caseLayout.setContentsMargins(12, 10, 12, 6)
        self.headerRow = QHBoxLayout()
        self.headerRow.setObjectName(u"headerRow")
        self.titleColumn = QVBoxLayout()
        self.titleColumn.setSpacing(2)
        self.titleColumn.setObjectName(u"titleColumn")
        self.nameLabel = QLabel(CaseView)
        self.nameLabel.setObjectName(u"nameLabel")
        self.nameLabel.setText(u"")
        self.nameLabel.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.titleColumn.addWidget(self.nameLabel)

        self.summaryLabel = QLabel(CaseView)
        self.summaryLabel.setObjectName(u"summaryLabel")
        self.summaryLabel.setText(u"")
        self.summaryLabel.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.titleColumn.addWidget(self.summaryLabel)

        self.nextActionLabel = QLabel(CaseView)
        self.nextActionLabel.setObjectName(u"nextActionLabel")
        self.nextActionLabel.setText(u"")
        self.nextActionLabel.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.titleColumn.addWidget(self.nextActionLabel)


        self.headerRow.addLayout(self.titleColumn)

        self.headerSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.headerRow.addItem(self.headerSpacer)

        self.followUpButton = QPushButton(CaseView)
        self.followUpButton.setObjectName(u"followUpButton")

        self.headerRow.addWidget(self.followUpButton)

        self.noteButton = QPushButton(CaseView)
        self.noteButton.setObjectName(u"noteButton")

        self.headerRow.addWidget(self.noteButton)

        self.planButton = QPushButton(CaseView)
        self.planButton.setObjectName(u"planButton")

        self.headerRow.addWidget(self.planButton)

        self.callButton = QPushButton(CaseView)
        self.callButton.setObjectName(u"callButton")

        self.headerRow.addWidget(self.callButton)


        self.caseLayout.addLayout(self.headerRow)

        self.offlineBanner = QLabel(CaseView)
        self.offlineBanner.setObjectName(u"offlineBanner")
        self.offlineBanner.setText(u"")
        self.offlineBanner.setWordWrap(True)
        self.offlineBanner.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.offlineBanner.setStyleSheet(u"background: #fff4ce; color: #5c4400; padding: 4px 8px; border-radius: 4px;")

        self.caseLayout.addWidget(self.offlineBanner)

        self.splitter = QSplitter(CaseView)
        self.splitter.setObjectName(u"splitter")
        self.splitter.setOrientation(Qt.Orientation.Horizontal)
        self.splitter.setChildrenCollapsible(False)
        self.leftScroll = QScrollArea(self.splitter)
        self.leftScroll.setObjectName(u"leftScroll")
        self.leftScroll.setWidgetResizable(True)
        self.leftScroll.setFrameShape(QFrame.Shape.NoFrame)
        self.leftScroll.setMinimumSize(QSize(360, 0))
        self.leftPane = QWidget()
        self.leftPane.setObjectName(u"leftPane")
        self.leftPane.setGeometry(QRect(0, 0, 380, 700))
        self.leftLayout = QVBoxLayout(self.leftPane)
        self.leftLayout.setObjectName(u"leftLayout")
        self.leftLayout.setContentsMargins(0, -1, 6, -1)
        self.whyBox = QGroupBox(self.leftPane)
        self.whyBox.setObjectName(u"whyBox")
        self.whyBoxLayout = QVBoxLayout(self.whyBox)
        self.whyBoxLayout.setObjectName(u"whyBoxLayout")
        self.whyValue = QLabel(self.whyBox)
        self.whyValue.setObjectName(u"whyValue")
        self.whyValue.setText(u"")
        self.whyValue.setWordWrap(True)
        self.whyValue.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.whyBoxLayout.addWidget(self.whyValue)


        self.leftLayout.addWidget(self.whyBox)

        self.borrowerBox = QGroupBox(self.leftPane)
        self.borrowerBox.setObjectName(u"borrowerBox")
        self.borrowerBoxLayout = QVBoxLayout(self.borrowerBox)
        self.borrowerBoxLayout.setObjectName(u"borrowerBoxLayout")
        self.borrowerForm = QFormLayout()
        self.borrowerForm.setObjectName(u"borrowerForm")
        self.nationalIdLabel = QLabel(self.borrowerBox)
        self.nationalIdLabel.setObjectName(u"nationalIdLabel")

        self.borrowerForm.setWidget(0, QFormLayout.ItemRole.LabelRole, self.nationalIdLabel)

        self.nationalIdRow = QHBoxLayout()
        self.nationalIdRow.setObjectName(u"nationalIdRow")
        self.nationalIdValue = QLabel(self.borrowerBox)
        self.nationalIdValue.setObjectName(u"nationalIdValue")
        self.nationalIdValue.setText(u"")
        self.nationalIdValue.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.nationalIdRow.addWidget(self.nationalIdValue)

        self.revealIdButton = QPushButton(self.borrowerBox)
        self.revealIdButton.setObjectName(u"revealIdButton")

        self.nationalIdRow.addWidget(self.revealIdButton)

        self.idSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.nationalIdRow.addItem(self.idSpacer)


        self.borrowerForm.setLayout(0, QFormLayout.ItemRole.FieldRole, self.nationalIdRow)

        self.birthLabel = QLabel(self.borrowerBox)
        self.birthLabel.setObjectName(u"birthLabel")

        self.borrowerForm.setWidget(1, QFormLayout.ItemRole.LabelRole, self.birthLabel)

        self.birthValue = QLabel(self.borrowerBox)
        self.birthValue.setObjectName(u"birthValue")
        self.birthValue.setText(u"")
        self.birthValue.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.borrowerForm.setWidget(1, QFormLayout.ItemRole.FieldRole, self.birthValue)

        self.timeZoneLabel = QLabel(self.borrowerBox)
        self.timeZoneLabel.setObjectName(u"timeZoneLabel")

        self.borrowerForm.setWidget(2, QFormLayout.ItemRole.LabelRole, self.timeZoneLabel)

        self.timeZoneValue = QLabel(self.borrowerBox)
        self.timeZoneValue.setObjectName(u"timeZoneValue")
        self.timeZoneValue.setText(u"")
        self.timeZoneValue.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.borrowerForm.setWidget(2, QFormLayout.ItemRole.FieldRole, self.timeZoneValue)

        self.incomeLabel = QLabel(self.borrowerBox)
        self.incomeLabel.setObjectName(u"incomeLabel")

        self.borrowerForm.setWidget(3, QFormLayout.ItemRole.LabelRole, self.incomeLabel)

        self.incomeValue = QLabel(self.borrowerBox)
        self.incomeValue.setObjectName(u"incomeValue")
        self.incomeValue.setText(u"")
        self.incomeValue.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.borrowerForm.setWidget(3, QFormLayout.ItemRole.FieldRole, self.incomeValue)


        self.borrowerBoxLayout.addLayout(self.borrowerForm)


        self.leftLayout.addWidget(self.borrowerBox)

        self.balanceBox = QGroupBox(self.leftPane)
        self.balanceBox.setObjectName(u"balanceBox")
        self.balanceBoxLayout = QVBoxLayout(self.balanceBox)
        self.balanceBoxLayout.setObjectName(u"balanceBoxLayout")
        self.balanceForm = QFormLayout()
        self.balanceForm.setObjectName(u"balanceForm")
        self.principalLabel = QLabel(self.balanceBox)
        self.principalLabel.setObjectName(u"principalLabel")

        self.balanceForm.setWidget(0, QFormLayout.ItemRole.LabelRole, self.principalLabel)

        self.principalValue = QLabel(self.balanceBox)
        self.principalValue.setObjectName(u"principalValue")
        self.principalValue.setText(u"")
        self.principalValue.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.balanceForm.setWidget(0, QFormLayout.ItemRole.FieldRole, self.principalValue)

        self.interestLabel = QLabel(self.balanceBox)
        self.interestLabel.setObjectName(u"interestLabel")

        self.balanceForm.setWidget(1, QFormLayout.ItemRole.LabelRole, self.interestLabel)

        self.interestValue = QLabel(self.balanceBox)
        self.interestValue.setObjectName(u"interestValue")
        self.interestValue.setText(u"")
        self.interestValue.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.balanceForm.setWidget(1, QFormLayout.ItemRole.FieldRole, self.interestValue)

        self.penaltyLabel = QLabel(self.balanceBox)
        self.penaltyLabel.setObjectName(u"penaltyLabel")

        self.balanceForm.setWidget(2, QFormLayout.ItemRole.LabelRole, self.penaltyLabel)

        self.penaltyValue = QLabel(self.balanceBox)
        self.penaltyValue.setObjectName(u"penaltyValue")
        self.penaltyValue.setText(u"")
        self.penaltyValue.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.balanceForm.setWidget(2, QFormLayout.ItemRole.FieldRole, self.penaltyValue)

        self.feesLabel = QLabel(self.balanceBox)
        self.feesLabel.setObjectName(u"feesLabel")

        self.balanceForm.setWidget(3, QFormLayout.ItemRole.LabelRole, self.feesLabel)

        self.feesValue = QLabel(self.balanceBox)
        self.feesValue.setObjectName(u"feesValue")
        self.feesValue.setText(u"")
        self.feesValue.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.balanceForm.setWidget(3, QFormLayout.ItemRole.FieldRole, self.feesValue)

        self.totalLabel = QLabel(self.balanceBox)
        self.totalLabel.setObjectName(u"totalLabel")

        self.balanceForm.setWidget(4, QFormLayout.ItemRole.LabelRole, self.totalLabel)

        self.totalValue = QLabel(self.balanceBox)
        self.totalValue.setObjectName(u"totalValue")
        self.totalValue.setText(u"")
        self.totalValue.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.balanceForm.setWidget(4, QFormLayout.ItemRole.FieldRole, self.totalValue)

        self.outstandingLabel = QLabel(self.balanceBox)
        self.outstandingLabel.setObjectName(u"outstandingLabel")

        self.balanceForm.setWidget(5, QFormLayout.ItemRole.LabelRole, self.outstandingLabel)

        self.outstandingValue = QLabel(self.balanceBox)
        self.outstandingValue.setObjectName(u"outstandingValue")
        self.outstandingValue.setText(u"")
        self.outstandingValue.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.balanceForm.setWidget(5, QFormLayout.ItemRole.FieldRole, self.outstandingValue)

        self.loanLabel = QLabel(self.balanceBox)
        self.loanLabel.setObjectName(u"loanLabel")

        self.balanceForm.setWidget(6, QFormLayout.ItemRole.LabelRole, self.loanLabel)

        self.loanValue = QLabel(self.balanceBox)
        self.loanValue.setObjectName(u"loanValue")
        self.loanValue.setText(u"")
        self.loanValue.setWordWrap(True)
        self.loanValue.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.balanceForm.setWidget(6, QFormLayout.ItemRole.FieldRole, self.loanValue)


        self.balanceBoxLayout.addLayout(self.balanceForm)


        self.leftLayout.addWidget(self.balanceBox)

        self.holdsBox = QGroupBox(self.leftPane)
        self.holdsBox.setObjectName(u"holdsBox")
        self.holdsBoxLayout = QVBoxLayout(self.holdsBox)
        self.holdsBoxLayout.setObjectName(u"holdsBoxLayout")
        self.holdsValue = QLabel(self.holdsBox)
        self.holdsValue.setObjectName(u"holdsValue")
        self.holdsValue.setText(u"")
        self.holdsValue.setWordWrap(True)
        self.holdsValue.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.holdsBoxLayout.addWidget(self.holdsValue)


        self.leftLayout.addWidget(self.holdsBox)

        self.contactsBox = QGroupBox(self.leftPane)
        self.contactsBox.setObjectName(u"contactsBox")
        self.contactsBoxLayout = QVBoxLayout(self.contactsBox)
        self.contactsBoxLayout.setObjectName(u"contactsBoxLayout")
        self.contactsTable = QTableWidget(self.contactsBox)
        self.contactsTable.setObjectName(u"contactsTable")
        self.contactsTable.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.contactsTable.setAlternatingRowColors(True)
        self.contactsTable.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.contactsTable.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.contactsTable.setShowGrid(False)
        self.contactsTable.setWordWrap(True)
        self.contactsTable.horizontalHeader().setStretchLastSection(True)
        self.contactsTable.verticalHeader().setVisible(False)

        self.contactsBoxLayout.addWidget(self.contactsTable)

        self.contactButtons = QHBoxLayout()
        self.contactButtons.setObjectName(u"contactButtons")
        self.contactSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.contactButtons.addItem(self.contactSpacer)

        self.revealContactButton = QPushButton(self.contactsBox)
        self.revealContactButton.setObjectName(u"revealContactButton")

        self.contactButtons.addWidget(self.revealContactButton)


        self.contactsBoxLayout.addLayout(self.contactButtons)


        self.leftLayout.addWidget(self.contactsBox)

        self.leftScroll.setWidget(self.leftPane)
        self.splitter.addWidget(self.leftScroll)
        self.tabs = QTabWidget(self.splitter)
        self.tabs.setObjectName(u"tabs")
        self.historyTab = QWidget()
        self.historyTab.setObjectName(u"historyTab")
        self.historyTabLayout = QVBoxLayout(self.historyTab)
        self.historyTabLayout.setObjectName(u"historyTabLayout")
        self.historyTable = QTableView(self.historyTab)
        self.historyTable.setObjectName(u"historyTable")
        self.historyTable.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.historyTable.setAlternatingRowColors(True)
        self.historyTable.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.historyTable.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.historyTable.setShowGrid(False)
        self.historyTable.setWordWrap(False)
        self.historyTable.horizontalHeader().setStretchLastSection(True)
        self.historyTable.verticalHeader().setVisible(False)

        self.historyTabLayout.addWidget(self.historyTable)

        self.tabs.addTab(self.historyTab, "")
        self.scheduleTab = QWidget()
        self.scheduleTab.setObjectName(u"scheduleTab")
        self.tabs.addTab(self.scheduleTab, "")
        self.paymentsTab = QWidget()
        self.paymentsTab.setObjectName(u"paymentsTab")
        self.tabs.addTab(self.paymentsTab, "")
        self.plansTab = QWidget()
        self.plansTab.setObjectName(u"plansTab")
        self.tabs.addTab(self.plansTab, "")
        self.splitter.addWidget(self.tabs)

        self.caseLayout.addWidget(self.splitter)


        self.retranslateUi(CaseView)

        QMetaObject.connectSlotsByName(CaseView)
    # setupUi

    def retranslateUi(self, CaseView):
        self.followUpButton.setText(QCoreApplication.translate("CaseView", u"Schedule follo&w-up\u2026", None))
        self.noteButton.setText(QCoreApplication.translate("CaseView", u"Add &note\u2026", None))
        self.planButton.setText(QCoreApplication.translate("CaseView", u"Propose &plan\u2026", None))
        self.callButton.setText(QCoreApplication.translate("CaseView", u"&Call\u2026", None))
        self.whyBox.setTitle(QCoreApplication.translate("CaseView", u"Why this case is here", None))
        self.borrowerBox.setTitle(QCoreApplication.translate("CaseView", u"Borrower", None))
        self.nationalIdLabel.setText(QCoreApplication.translate("CaseView", u"National ID:", None))
        self.revealIdButton.setText(QCoreApplication.translate("CaseView", u"&Reveal", None))
#if QT_CONFIG(tooltip)
        self.revealIdButton.setToolTip(QCoreApplication.translate("CaseView", u"Show the full ID number (recorded in the audit log)", None))
#endif // QT_CONFIG(tooltip)
        self.birthLabel.setText(QCoreApplication.translate("CaseView", u"Born:", None))
        self.timeZoneLabel.setText(QCoreApplication.translate("CaseView", u"Local time:", None))
        self.incomeLabel.setText(QCoreApplication.translate("CaseView", u"Income / expenses:", None))
        self.balanceBox.setTitle(QCoreApplication.translate("CaseView", u"Balance", None))
        self.principalLabel.setText(QCoreApplication.translate("CaseView", u"Principal overdue:", None))
        self.interestLabel.setText(QCoreApplication.translate("CaseView", u"Interest overdue:", None))
        self.penaltyLabel.setText(QCoreApplication.translate("CaseView", u"Penalty:", None))
        self.feesLabel.setText(QCoreApplication.translate("CaseView", u"Fees:", None))
        self.totalLabel.setText(QCoreApplication.translate("CaseView", u"Total overdue:", None))
        self.outstandingLabel.setText(QCoreApplication.translate("CaseView", u"Outstanding balance:", None))
        self.loanLabel.setText(QCoreApplication.translate("CaseView", u"Loan:", None))
        self.holdsBox.setTitle(QCoreApplication.translate("CaseView", u"Holds and flags", None))
        self.contactsBox.setTitle(QCoreApplication.translate("CaseView", u"Contact points", None))
        self.revealContactButton.setText(QCoreApplication.translate("CaseView", u"Reveal &number", None))
#if QT_CONFIG(tooltip)
        self.revealContactButton.setToolTip(QCoreApplication.translate("CaseView", u"Show the selected number in full (recorded in the audit log)", None))
#endif // QT_CONFIG(tooltip)
        self.tabs.setTabText(self.tabs.indexOf(self.historyTab), QCoreApplication.translate("CaseView", u"History", None))
        self.tabs.setTabText(self.tabs.indexOf(self.scheduleTab), QCoreApplication.translate("CaseView", u"Schedule", None))
        self.tabs.setTabText(self.tabs.indexOf(self.paymentsTab), QCoreApplication.translate("CaseView", u"Payments", None))
        self.tabs.setTabText(self.tabs.indexOf(self.plansTab), QCoreApplication.translate("CaseView", u"Plans", None))
        pass
    # retranslateUi

