"""The plan dialog: choose restructuring options and see the plan, live.

Every change to a field recomputes the plan with the domain engine (about a millisecond,
so on the GUI thread): the new schedule, the before/after chart, what the lender
concedes, whether the borrower can afford it, and whether the signed-in role may agree
to it. A value the engine refuses is shown next to its field, in the user's language,
and nothing is clamped. Submitting queues a `plan.propose` op through the operations
worker; the server recomputes and decides.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal, InvalidOperation

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import QDialog, QHeaderView, QLabel, QLineEdit, QWidget

from agentdesk.client.casefile import CaseFile, open_case
from agentdesk.client.operations import LocalChange, Operations
from agentdesk.domain.authority import AuthorityOutcome, AuthorityPolicy
from agentdesk.domain.errors import DomainError
from agentdesk.domain.restructure import GraceKind, WaiverKind
from agentdesk.domain.schedule import RepaymentMethod
from agentdesk.domain.scripts import PlanOffer
from agentdesk.domain.vocabulary import Language
from agentdesk.protocol.ops import PlanPropose
from agentdesk.ui import formatting
from agentdesk.ui.app import language_switch
from agentdesk.ui.charts import InstalmentChart
from agentdesk.ui.context import AppContext
from agentdesk.ui.generated.ui_plan_dialog import Ui_PlanProposalDialog
from agentdesk.ui.look import calm_rows
from agentdesk.ui.operations import error_text
from agentdesk.ui.plan_engine import (
    LoanSituation,
    OptionValues,
    PlanPreview,
    loan_situation,
    preview,
    shipped_authority_policy,
)
from agentdesk.ui.plan_schedule import PlanScheduleModel

_ERROR_STYLE = "color: #b42318;"
_VERDICT_STYLE = {
    AuthorityOutcome.WITHIN_AUTHORITY: "color: #1a7f37; font-weight: 600;",
    AuthorityOutcome.NEEDS_LEAD: "color: #9a6700; font-weight: 600;",
    AuthorityOutcome.NEEDS_ADMIN: "color: #9a6700; font-weight: 600;",
    AuthorityOutcome.NOT_ALLOWED: "color: #b42318; font-weight: 600;",
}


class _FieldInputError(DomainError):
    """A field whose text is not a number at all (before the engine sees it)."""


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:] if text else text


class PlanProposalDialog(QDialog):
    """Propose a restructured plan for one case (see the module doc)."""

    proposed = Signal(object)
    """The `LocalChange` of the queued `plan.propose` op."""

    def __init__(
        self,
        context: AppContext,
        case_id: str,
        parent: QWidget | None = None,
        *,
        today: date | None = None,
        authority: AuthorityPolicy | None = None,
    ) -> None:
        super().__init__(parent)
        language_switch().switched.connect(self._language_switched)
        self.context = context
        self.case_id = case_id
        self.ui = Ui_PlanProposalDialog()
        self.ui.setupUi(self)
        # The server recomputes the proposal on its own (UTC) date: preview on the same one,
        # so the agent sees the verdict the server will reach.
        self.today = today or datetime.now(UTC).date()
        self.authority = authority or shipped_authority_policy()
        self.case_file: CaseFile = open_case(context.store, case_id)
        self.situation: LoanSituation = loan_situation(self.case_file, self.today)
        self.current: PlanPreview | None = None
        self._errors: dict[QWidget, QLabel] = {}
        self._submitting = False

        self.schedule_model = PlanScheduleModel(self.situation.terms.currency, self)
        self.ui.scheduleView.setModel(self.schedule_model)
        calm_rows(self.ui.scheduleView)
        columns = self.ui.scheduleView.horizontalHeader()
        columns.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        columns.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.chart = InstalmentChart(self.ui.chartHolder)
        self.ui.chartLayout.addWidget(self.chart)
        self.ui.splitter.setStretchFactor(1, 1)
        self.ui.splitter.setSizes([560, 700])
        self.ui.optionsScroll.setMinimumWidth(520)
        self.ui.firstDueEdit.setDisplayFormat("yyyy-MM-dd")
        self.ui.verdictLabel.setAccessibleName(self.tr("Authority"))

        self._fill_choices()
        self._prefill()
        self._connect()
        self.recompute()

    # ------------------------------------------------------------ setup

    @property
    def language(self) -> Language:
        return self.context.language

    def _fill_choices(self) -> None:
        ui = self.ui
        for combo in (ui.graceKindCombo, ui.waiverKindCombo, ui.methodCombo):
            combo.blockSignals(True)
        keep = (
            ui.graceKindCombo.currentIndex(),
            ui.waiverKindCombo.currentIndex(),
            ui.methodCombo.currentIndex(),
        )
        ui.graceKindCombo.clear()
        ui.graceKindCombo.addItem(
            self.tr("on principal (interest only)"), GraceKind.PRINCIPAL.value
        )
        ui.graceKindCombo.addItem(
            self.tr("on principal and interest"), GraceKind.PRINCIPAL_AND_INTEREST.value
        )
        ui.waiverKindCombo.clear()
        ui.waiverKindCombo.addItem(self.tr("percent of what is owed"), WaiverKind.PERCENT.value)
        ui.waiverKindCombo.addItem(self.tr("amount"), WaiverKind.AMOUNT.value)
        ui.methodCombo.clear()
        contract = self.situation.terms.method
        ui.methodCombo.addItem(
            self.tr("as the contract (%1)").replace("%1", contract.label(self.language)), None
        )
        for method in RepaymentMethod:
            ui.methodCombo.addItem(method.label(self.language), method.value)
        for combo, index in zip(
            (ui.graceKindCombo, ui.waiverKindCombo, ui.methodCombo), keep, strict=True
        ):
            combo.setCurrentIndex(max(index, 0))
            combo.blockSignals(False)

    def _prefill(self) -> None:
        ui = self.ui
        ui.penaltyWaiverEdit.setPlaceholderText("0")
        ui.feeWaiverEdit.setPlaceholderText("0")
        ui.downPaymentEdit.setPlaceholderText("0.00")
        ui.firstDueEdit.setDate(QDate(self.today.year, self.today.month, self.today.day))
        if self.situation.monthly_income is not None:
            ui.incomeEdit.setText(f"{self.situation.monthly_income:f}")
        if self.situation.monthly_expenses is not None:
            ui.expensesEdit.setText(f"{self.situation.monthly_expenses:f}")
        self._prefill_texts()

    def _show_position(self) -> None:
        p = self.situation.position
        cur = self.situation.terms.currency
        borrower = self.case_file.case.borrower_name
        parts = [
            self.tr("%1 · loan %2").replace("%1", borrower).replace(
                "%2", self.case_file.case.loan_number
            ),
            self.tr("Overdue principal %1").replace(
                "%1", formatting.money(p.overdue_principal, cur)
            ),
            self.tr("overdue interest %1").replace("%1", formatting.money(p.overdue_interest, cur)),
            self.tr("penalty %1").replace("%1", formatting.money(p.penalty_interest, cur)),
            self.tr("fees %1").replace("%1", formatting.money(p.fees, cur)),
            self.tr("principal not yet due %1").replace(
                "%1", formatting.money(p.outstanding_principal, cur)
            ),
            formatting.days_past_due(p.days_past_due),
        ]
        self.ui.positionLabel.setText(" · ".join(parts))

    def _connect(self) -> None:
        ui = self.ui
        for spin in (ui.extensionSpin, ui.graceSpin, ui.stepUpMonthsSpin):
            spin.valueChanged.connect(self.recompute)
        for combo in (ui.graceKindCombo, ui.waiverKindCombo, ui.methodCombo):
            combo.currentIndexChanged.connect(self.recompute)
        for edit in self._text_fields():
            edit.textChanged.connect(self.recompute)
        ui.firstDueCheck.toggled.connect(ui.firstDueEdit.setEnabled)
        ui.firstDueCheck.toggled.connect(self.recompute)
        ui.firstDueEdit.dateChanged.connect(self.recompute)
        ui.capitaliseCheck.toggled.connect(self.recompute)
        ui.cancelButton.clicked.connect(self.reject)
        ui.submitButton.clicked.connect(self.submit)

    def _text_fields(self) -> tuple[QLineEdit, ...]:
        ui = self.ui
        return (
            ui.rateEdit,
            ui.penaltyWaiverEdit,
            ui.feeWaiverEdit,
            ui.downPaymentEdit,
            ui.stepUpPercentEdit,
            ui.incomeEdit,
            ui.expensesEdit,
        )

    def apply_offer(self, offer: PlanOffer) -> None:
        """Fill the fields from a script's offer (the agent can still change them)."""
        options = offer.restructure_options()
        ui = self.ui
        ui.extensionSpin.setValue(options.extra_months)
        ui.graceSpin.setValue(options.grace_months)
        waiver = options.penalty_waiver
        if waiver is not None:
            ui.waiverKindCombo.setCurrentIndex(ui.waiverKindCombo.findData(waiver.kind.value))
            ui.penaltyWaiverEdit.setText(f"{waiver.value.normalize():f}")
        if options.method is not None:
            ui.methodCombo.setCurrentIndex(ui.methodCombo.findData(options.method.value))
        self.recompute()

    # ------------------------------------------------------------ reading the fields

    def _decimal(self, edit: QLineEdit, field: str, empty: Decimal | None) -> Decimal | None:
        text = edit.text().strip().replace(",", "").replace("，", "")
        if not text:
            return empty
        try:
            value = Decimal(text)
        except InvalidOperation:
            value = None
        if value is None or not value.is_finite():
            raise _FieldInputError(
                "malformed",
                field,
                edit.text(),
                {Language.ZH_CN: "一个数字，例如 1250.00", Language.EN: "a number such as 1250.00"},
                texts={
                    Language.ZH_CN: "“{value}”不是数字：请输入{allowed}。",
                    Language.EN: "“{value}” is not a number: enter {allowed}.",
                },
            )
        return value

    def option_values(self) -> OptionValues:
        """The options as the fields hold them; raises for text that is not a number."""
        ui = self.ui
        first_due = None
        if ui.firstDueCheck.isChecked():
            q = ui.firstDueEdit.date()
            first_due = date(q.year(), q.month(), q.day())
        zero = Decimal(0)
        method = ui.methodCombo.currentData()  # Qt hands enum values back as plain str
        return OptionValues(
            extra_months=ui.extensionSpin.value(),
            grace_months=ui.graceSpin.value(),
            grace_kind=GraceKind(ui.graceKindCombo.currentData() or GraceKind.PRINCIPAL),
            new_rate_percent=self._decimal(ui.rateEdit, "new_annual_rate", None),
            waiver_kind=WaiverKind(ui.waiverKindCombo.currentData() or WaiverKind.PERCENT),
            penalty_waiver=self._decimal(ui.penaltyWaiverEdit, "penalty_waiver", zero) or zero,
            fee_waiver=self._decimal(ui.feeWaiverEdit, "fee_waiver", zero) or zero,
            down_payment=self._decimal(ui.downPaymentEdit, "down_payment", zero) or zero,
            step_up_months=ui.stepUpMonthsSpin.value(),
            step_up_percent=self._decimal(ui.stepUpPercentEdit, "step_up.percent", zero) or zero,
            first_due_date=first_due,
            method=None if not method else RepaymentMethod(method),
            capitalise_arrears=ui.capitaliseCheck.isChecked(),
        )

    def _field_widget(self, field: str) -> QWidget:
        ui = self.ui
        head = field.split(".")[0]
        widgets: dict[str, QWidget] = {
            "extra_months": ui.extensionSpin,
            "plan_term": ui.extensionSpin,
            "grace_months": ui.graceSpin,
            "grace_kind": ui.graceKindCombo,
            "new_annual_rate": ui.rateEdit,
            "penalty_waiver": ui.penaltyWaiverEdit,
            "fee_waiver": ui.feeWaiverEdit,
            "down_payment": ui.downPaymentEdit,
            "step_up": ui.stepUpPercentEdit
            if field.endswith(("percent", "amount"))
            else ui.stepUpMonthsSpin,
            "first_due_date": ui.firstDueEdit,
            "method": ui.methodCombo,
            "monthly_income": ui.incomeEdit,
            "essential_expenses": ui.expensesEdit,
        }
        return widgets.get(head, ui.statusLabel)

    # ------------------------------------------------------------ errors by the field

    def _clear_errors(self) -> None:
        for widget, label in self._errors.items():
            label.hide()
            widget.setStyleSheet("")
        self.ui.statusLabel.clear()

    def _show_error(self, error: DomainError) -> None:
        widget = self._field_widget(error.field)
        text = error_text(error, self.language)
        if widget is self.ui.statusLabel:
            self.ui.statusLabel.setStyleSheet(_ERROR_STYLE)
            self.ui.statusLabel.setText(text)
            return
        label = self._errors.get(widget)
        if label is None:
            label = QLabel(self)
            label.setWordWrap(True)
            label.setStyleSheet(_ERROR_STYLE)
            label.setObjectName(f"{widget.objectName()}Error")
            self._place_error(widget, label)
            self._errors[widget] = label
        label.setText(text)
        label.show()
        widget.setStyleSheet("border: 1px solid #b42318;")

    def _place_error(self, widget: QWidget, label: QLabel) -> None:
        # Directly under the field's row, in the same form.
        for form in (self.ui.optionsForm, self.ui.affordabilityForm):
            row = int(form.getWidgetPosition(widget)[0])  # type: ignore[index]
            if row < 0:  # a field that shares its row with another (grace, step-up)
                for r in range(form.rowCount()):
                    item = form.itemAt(r, form.ItemRole.FieldRole)
                    layout = item.layout() if item is not None else None
                    if layout is not None and layout.indexOf(widget) >= 0:
                        row = r
                        break
            if row >= 0:
                form.insertRow(row + 1, "", label)
                return
        self.ui.optionsPageLayout.addWidget(label)

    def error_text_for(self, widget: QWidget) -> str:
        """The error shown next to `widget` ('' when none)."""
        label = self._errors.get(widget)
        return label.text() if label is not None and not label.isHidden() else ""

    # ------------------------------------------------------------ recomputing

    def recompute(self) -> None:
        """Run the engine on the fields as they are now, and show the outcome."""
        self._clear_errors()
        try:
            values = self.option_values()
            income = self._decimal(self.ui.incomeEdit, "monthly_income", None)
            expenses = self._decimal(self.ui.expensesEdit, "essential_expenses", None)
        except DomainError as error:
            self._show_error(error)
            self._show_nothing()
            return
        result = preview(
            self.situation, values, self.context.role, self.authority, income, expenses
        )
        self.current = result
        if result.error is not None:
            self._show_error(result.error)
            self._show_nothing()
            return
        self._show(result)

    def _show_nothing(self) -> None:
        self.current = None
        self.schedule_model.set_schedule(None)
        self.chart.show_plans(self.today, self._before(), [])
        self.ui.verdictLabel.setText(self.tr("Correct the highlighted field to see the plan."))
        self.ui.verdictLabel.setStyleSheet(_ERROR_STYLE)
        self.ui.concessionsLabel.clear()
        self.ui.affordabilityText.clear()
        self.ui.submitButton.setEnabled(False)

    def _before(self) -> list[tuple[date, Decimal]]:
        return [(i.due_date, i.total) for i in self.situation.position.upcoming]

    def _show(self, result: PlanPreview) -> None:
        plan, verdict = result.plan, result.verdict
        assert plan is not None and verdict is not None
        cur = plan.schedule.currency
        self.schedule_model.set_schedule(plan.schedule)
        self.chart.show_plans(
            self.today, self._before(), [(i.due_date, i.total) for i in plan.schedule.instalments]
        )
        self.ui.verdictLabel.setText(_sentence(verdict.summary(self.language)))
        self.ui.verdictLabel.setStyleSheet(_VERDICT_STYLE[verdict.outcome])
        c, k = plan.comparison, plan.concessions
        lines = [
            self.tr("Instalment %1 → %2; %3 instalments, ending %4 (was %5).")
            .replace("%1", formatting.money(c.instalment_before, cur))
            .replace("%2", formatting.money(c.instalment_after, cur))
            .replace("%3", str(k.total_term_months))
            .replace("%4", formatting.day(c.end_date_after))
            .replace("%5", formatting.day(c.end_date_before)),
            self.tr("Total payable %1 (was %2).")
            .replace("%1", formatting.money(c.total_payable_after, cur))
            .replace("%2", formatting.money(c.total_payable_before, cur)),
            self.tr("Concessions: extension %1 months, waived %2 (%3), rate cut %4, "
                    "present-value loss %5, down payment %6 (%7).")
            .replace("%1", str(k.extension_months))
            .replace("%2", formatting.money(k.waived_amount, cur))
            .replace("%3", formatting.percent(k.waived_percent))
            .replace("%4", formatting.percent(k.rate_cut * 100, places=2))
            .replace("%5", formatting.money(k.present_value_loss, cur))
            .replace("%6", formatting.money(k.down_payment, cur))
            .replace("%7", formatting.percent(k.down_payment_percent)),
        ]
        self.ui.concessionsLabel.setText("\n".join(lines))
        if result.affordability_error is not None:
            self._show_error(result.affordability_error)
            self.ui.affordabilityText.clear()
        elif result.affordability is not None:
            a = result.affordability
            self.ui.affordabilityText.setText(a.message(self.language))
            self.ui.affordabilityText.setStyleSheet(_ERROR_STYLE if a.warning else "")
        else:
            self.ui.affordabilityText.setText(
                self.tr("Enter the borrower's monthly income and essential expenses to check "
                        "affordability.")
            )
            self.ui.affordabilityText.setStyleSheet("")
        allowed = verdict.outcome is not AuthorityOutcome.NOT_ALLOWED
        self.ui.submitButton.setEnabled(allowed and not self._submitting)

    # ------------------------------------------------------------ submitting

    def submit(self) -> None:
        """Queue the proposal (store + outbox, on the writer worker); close when done."""
        result = self.current
        if result is None or result.plan is None or self._submitting:
            return
        proposal = PlanPropose(
            case_id=self.case_file.case.id,  # type: ignore[arg-type]
            options=result.options.model_dump(mode="json", exclude_defaults=True),
            justification=self.ui.justificationEdit.toPlainText().strip(),
            preview=result.payload_preview(),
        )
        self._submitting = True
        self.ui.submitButton.setEnabled(False)
        self.ui.statusLabel.setStyleSheet("")
        self.ui.statusLabel.setText(self.tr("Saving…"))

        def write(ops: Operations) -> LocalChange:
            return ops.propose_plan(proposal)

        self.context.ops.write(write, done=self._saved, error=self._failed)

    def _saved(self, change: object) -> None:
        self._submitting = False
        self.proposed.emit(change)
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self._submitting = False
        self.ui.statusLabel.setStyleSheet(_ERROR_STYLE)
        self.ui.statusLabel.setText(error_text(error, self.language))
        self.ui.submitButton.setEnabled(True)

    # ------------------------------------------------------------ language

    def _language_switched(self) -> None:
        self.ui.retranslateUi(self)
        self.chart.retranslate()
        self._fill_choices()
        self._prefill_texts()
        self.recompute()

    def _prefill_texts(self) -> None:
        rate = (self.situation.terms.annual_rate * 100).normalize()
        self.ui.rateEdit.setPlaceholderText(
            self.tr("contract rate %1 %").replace("%1", f"{rate:f}")
        )
        self.ui.stepUpPercentEdit.setPlaceholderText(self.tr("% of the instalment"))
        self.ui.justificationEdit.setPlaceholderText(
            self.tr("Why this plan fits the borrower (read by the approver)")
        )
        self._show_position()


__all__ = ["PlanProposalDialog"]
