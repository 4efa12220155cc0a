# -*- coding: utf-8 -*-

################################################################################
##
##
################################################################################

from PySide6.QtCore import QCoreApplication, QMetaObject, QSize
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QSpacerItem,
    QVBoxLayout,
    QWidget,
)

from agentdesk.ui.queue_table import QueueTable

class Ui_QueuePage(object):
    def setupUi(self, QueuePage):
        if not QueuePage.objectName():
            QueuePage.setObjectName(u"QueuePage")
        QueuePage.resize(1100, 640)
        self.pageLayout = QVBoxLayout(QueuePage)
        self.pageLayout.setSpacing(8)
        self.pageLayout.setObjectName(u"pageLayout")
        self.pageLayout.setContentsMargins(12, 10, 12, 6)
        self.filterRow = QHBoxLayout()
        self.filterRow.setSpacing(6)
        self.filterRow.setObjectName(u"filterRow")
        self.filtersLabel = QLabel(QueuePage)
        self.filtersLabel.setObjectName(u"filtersLabel")

        self.filterRow.addWidget(self.filtersLabel)

        self.dueTodayButton = QPushButton(QueuePage)
        self.dueTodayButton.setObjectName(u"dueTodayButton")
        self.dueTodayButton.setCheckable(True)

        self.filterRow.addWidget(self.dueTodayButton)

        self.promisesDueButton = QPushButton(QueuePage)
        self.promisesDueButton.setObjectName(u"promisesDueButton")
        self.promisesDueButton.setCheckable(True)

        self.filterRow.addWidget(self.promisesDueButton)

        self.brokenPromisesButton = QPushButton(QueuePage)
        self.brokenPromisesButton.setObjectName(u"brokenPromisesButton")
        self.brokenPromisesButton.setCheckable(True)

        self.filterRow.addWidget(self.brokenPromisesButton)

        self.newButton = QPushButton(QueuePage)
        self.newButton.setObjectName(u"newButton")
        self.newButton.setCheckable(True)

        self.filterRow.addWidget(self.newButton)

        self.plansPendingButton = QPushButton(QueuePage)
        self.plansPendingButton.setObjectName(u"plansPendingButton")
        self.plansPendingButton.setCheckable(True)

        self.filterRow.addWidget(self.plansPendingButton)

        self.onHoldButton = QPushButton(QueuePage)
        self.onHoldButton.setObjectName(u"onHoldButton")
        self.onHoldButton.setCheckable(True)

        self.filterRow.addWidget(self.onHoldButton)

        self.filterSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.filterRow.addItem(self.filterSpacer)

        self.searchEdit = QLineEdit(QueuePage)
        self.searchEdit.setObjectName(u"searchEdit")
        self.searchEdit.setMinimumSize(QSize(280, 0))
        self.searchEdit.setClearButtonEnabled(True)

        self.filterRow.addWidget(self.searchEdit)


        self.pageLayout.addLayout(self.filterRow)

        self.table = QueueTable(QueuePage)
        self.table.setObjectName(u"table")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setShowGrid(False)
        self.table.setSortingEnabled(True)
        self.table.setWordWrap(False)
        self.table.horizontalHeader().setHighlightSections(False)
        self.table.verticalHeader().setVisible(False)

        self.pageLayout.addWidget(self.table)

        self.countLabel = QLabel(QueuePage)
        self.countLabel.setObjectName(u"countLabel")
        self.countLabel.setText(u"")

        self.pageLayout.addWidget(self.countLabel)

        QWidget.setTabOrder(self.searchEdit, self.table)

        self.retranslateUi(QueuePage)

        QMetaObject.connectSlotsByName(QueuePage)
    # setupUi

    def retranslateUi(self, QueuePage):
        self.filtersLabel.setText(QCoreApplication.translate("QueuePage", u"Show:", None))
        self.dueTodayButton.setText(QCoreApplication.translate("QueuePage", u"Due today", None))
#if QT_CONFIG(tooltip)
        self.dueTodayButton.setToolTip(QCoreApplication.translate("QueuePage", u"Cases whose next action is due today or earlier", None))
#endif // QT_CONFIG(tooltip)
        self.promisesDueButton.setText(QCoreApplication.translate("QueuePage", u"Promises due", None))
#if QT_CONFIG(tooltip)
        self.promisesDueButton.setToolTip(QCoreApplication.translate("QueuePage", u"Open promises to pay that fall due today or earlier", None))
#endif // QT_CONFIG(tooltip)
        self.brokenPromisesButton.setText(QCoreApplication.translate("QueuePage", u"Broken promises", None))
        self.newButton.setText(QCoreApplication.translate("QueuePage", u"New", None))
#if QT_CONFIG(tooltip)
        self.newButton.setToolTip(QCoreApplication.translate("QueuePage", u"Cases nobody has contacted yet", None))
#endif // QT_CONFIG(tooltip)
        self.plansPendingButton.setText(QCoreApplication.translate("QueuePage", u"Plans pending", None))
        self.onHoldButton.setText(QCoreApplication.translate("QueuePage", u"On hold", None))
        self.searchEdit.setPlaceholderText(QCoreApplication.translate("QueuePage", u"Search name, pinyin, phone or loan number (Ctrl+F)", None))
        pass
    # retranslateUi

