# -*- coding: utf-8 -*-

################################################################################
##
##
################################################################################

from PySide6.QtCore import QMetaObject
from PySide6.QtWidgets import QAbstractItemView, QTableWidget, QVBoxLayout

class Ui_CaseTableTab(object):
    def setupUi(self, CaseTableTab):
        if not CaseTableTab.objectName():
            CaseTableTab.setObjectName(u"CaseTableTab")
        self.tabLayout = QVBoxLayout(CaseTableTab)
        self.tabLayout.setObjectName(u"tabLayout")
        self.table = QTableWidget(CaseTableTab)
        self.table.setObjectName(u"table")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setShowGrid(False)
        self.table.setWordWrap(True)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().setVisible(False)

        self.tabLayout.addWidget(self.table)


        self.retranslateUi(CaseTableTab)

        QMetaObject.connectSlotsByName(CaseTableTab)
    # setupUi

    def retranslateUi(self, CaseTableTab):
        pass
    # retranslateUi

