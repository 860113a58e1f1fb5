<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>ChartData</name>
    <message numerus="yes">
        <source>%n run(s)</source>
        <translation>
            <numerusform>%n run</numerusform>
            <numerusform>%n runs</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>LiveUpdates</name>
    <message numerus="yes">
        <source>%n decision(s)</source>
        <translation>
            <numerusform>%n decision</numerusform>
            <numerusform>%n decisions</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n proposal change(s)</source>
        <translation>
            <numerusform>%n proposal change</numerusform>
            <numerusform>%n proposal changes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n import(s)</source>
        <translation>
            <numerusform>%n import</numerusform>
            <numerusform>%n imports</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RegressionTexts</name>
    <message numerus="yes">
        <source>%1 (%2–%3, %n run(s))</source>
        <translation>
            <numerusform>%1 (%2–%3, %n run)</numerusform>
            <numerusform>%1 (%2–%3, %n runs)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>reverie::ui::DemoController</name>
    <message numerus="yes">
        <source>Demo workspace ready: playbook version %1, %n proposal(s) to review</source>
        <translation>
            <numerusform>Demo workspace ready: playbook version %1, %n proposal to review</numerusform>
            <numerusform>Demo workspace ready: playbook version %1, %n proposals to review</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>reverie::ui::DreamsPage</name>
    <message numerus="yes">
        <source>Dream pass finished: %n proposal(s)</source>
        <translation>
            <numerusform>Dream pass finished: %n proposal</numerusform>
            <numerusform>Dream pass finished: %n proposals</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>reverie::ui::MainWindow</name>
    <message numerus="yes">
        <source>Importing %n path(s)</source>
        <translation>
            <numerusform>Importing %n path</numerusform>
            <numerusform>Importing %n paths</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Import cancelled: %n file(s) imported</source>
        <translation>
            <numerusform>Import cancelled: %n file imported</numerusform>
            <numerusform>Import cancelled: %n files imported</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Imported %n file(s)</source>
        <translation>
            <numerusform>Imported %n file</numerusform>
            <numerusform>Imported %n files</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>, %n failed</source>
        <translation>
            <numerusform>, %n failed</numerusform>
            <numerusform>, %n failed</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>reverie::ui::PortabilityView</name>
    <message numerus="yes">
        <source>Success rate per playbook version (rows) and model (columns), with the run count and the 95% interval. Pale cells rest on fewer than %n run(s) with a verdict.</source>
        <translation>
            <numerusform>Success rate per playbook version (rows) and model (columns), with the run count and the 95% interval. Pale cells rest on fewer than %n run with a verdict.</numerusform>
            <numerusform>Success rate per playbook version (rows) and model (columns), with the run count and the 95% interval. Pale cells rest on fewer than %n runs with a verdict.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Model-specific: %n rule(s) help one model and hurt another (one-sided Fisher exact p &lt; 0.05 each way). Consider scoping them to the models they help.</source>
        <translation>
            <numerusform>Model-specific: %n rule helps one model and hurts another (one-sided Fisher exact p &lt; 0.05 each way). Consider scoping it to the models it helps.</numerusform>
            <numerusform>Model-specific: %n rules help one model and hurt another (one-sided Fisher exact p &lt; 0.05 each way). Consider scoping them to the models they help.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>reverie::ui::ProposalDetailView</name>
    <message numerus="yes">
        <source>Replay on stored runs: of %n run(s) that broke this rule, %1 failed;</source>
        <translation>
            <numerusform>Replay on stored runs: of %n run that broke this rule, %1 failed;</numerusform>
            <numerusform>Replay on stored runs: of %n runs that broke this rule, %1 failed;</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>of %n run(s) that kept it, %1 succeeded.</source>
        <translation>
            <numerusform>of %n run that kept it, %1 succeeded.</numerusform>
            <numerusform>of %n runs that kept it, %1 succeeded.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>High-stakes: needs %n distinct approval(s) and a reason.</source>
        <translation>
            <numerusform>High-stakes: needs %n distinct approval and a reason.</numerusform>
            <numerusform>High-stakes: needs %n distinct approvals and a reason.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Support: %n run(s)</source>
        <translation>
            <numerusform>Support: %n run</numerusform>
            <numerusform>Support: %n runs</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Evidence (%n): click or press Enter to open the run at that step</source>
        <translation>
            <numerusform>Evidence (%n): click or press Enter to open the run at that step</numerusform>
            <numerusform>Evidence (%n): click or press Enter to open the run at that step</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>reverie::ui::ProposalQueueModel</name>
    <message numerus="yes">
        <source>Manual proposals (%n)</source>
        <translation>
            <numerusform>Manual proposals (%n)</numerusform>
            <numerusform>Manual proposals (%n)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Dream run #%1 · %2 · %3 (%n)</source>
        <translation>
            <numerusform>Dream run #%1 · %2 · %3 (%n)</numerusform>
            <numerusform>Dream run #%1 · %2 · %3 (%n)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>reverie::ui::ProposalTexts</name>
    <message numerus="yes">
        <source>Hold-out: did not hold on %n newer run(s).</source>
        <translation>
            <numerusform>Hold-out: did not hold on %n newer run.</numerusform>
            <numerusform>Hold-out: did not hold on %n newer runs.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>reverie::ui::ReviewPage</name>
    <message numerus="yes">
        <source>Approve the %n low-stakes proposal(s) shown. One reason for all:</source>
        <translation>
            <numerusform>Approve the %n low-stakes proposal shown. One reason for all:</numerusform>
            <numerusform>Approve the %n low-stakes proposals shown. One reason for all:</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Reject the %n low-stakes proposal(s) shown. One reason for all:</source>
        <translation>
            <numerusform>Reject the %n low-stakes proposal shown. One reason for all:</numerusform>
            <numerusform>Reject the %n low-stakes proposals shown. One reason for all:</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n proposal(s) decided.</source>
        <translation>
            <numerusform>%n proposal decided.</numerusform>
            <numerusform>%n proposals decided.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n pending</source>
        <translation>
            <numerusform>%n pending</numerusform>
            <numerusform>%n pending</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n pending shown</source>
        <translation>
            <numerusform>%1 of %n pending shown</numerusform>
            <numerusform>%1 of %n pending shown</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Approve the %n low-stakes proposal(s) the filter shows, with one reason (Ctrl+Shift+A)</source>
        <translation>
            <numerusform>Approve the %n low-stakes proposal the filter shows, with one reason (Ctrl+Shift+A)</numerusform>
            <numerusform>Approve the %n low-stakes proposals the filter shows, with one reason (Ctrl+Shift+A)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Reject the %n low-stakes proposal(s) the filter shows, with one reason (Ctrl+Shift+R)</source>
        <translation>
            <numerusform>Reject the %n low-stakes proposal the filter shows, with one reason (Ctrl+Shift+R)</numerusform>
            <numerusform>Reject the %n low-stakes proposals the filter shows, with one reason (Ctrl+Shift+R)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>reverie::ui::SettingsDialog</name>
    <message numerus="yes">
        <source>Not changed yet: loosening the policy needs %n approval(s) from other reviewers; request #%1 waits in the review queue.</source>
        <translation>
            <numerusform>Not changed yet: loosening the policy needs %n approval from another reviewer; request #%1 waits in the review queue.</numerusform>
            <numerusform>Not changed yet: loosening the policy needs %n approvals from other reviewers; request #%1 waits in the review queue.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>reverie::ui::TimelinePanel</name>
    <message numerus="yes">
        <source>%n step(s)</source>
        <translation>
            <numerusform>%n step</numerusform>
            <numerusform>%n steps</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n error(s)</source>
        <translation>
            <numerusform>%n error</numerusform>
            <numerusform>%n errors</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>reverie::ui::TrajectoriesPage</name>
    <message numerus="yes">
        <source>%n trajectories</source>
        <translation>
            <numerusform>%n trajectory</numerusform>
            <numerusform>%n trajectories</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>reverie::ui::TranscriptDelegate</name>
    <message numerus="yes">
        <source>folded, %n character(s)</source>
        <translation>
            <numerusform>folded, %n character</numerusform>
            <numerusform>folded, %n characters</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>reverie::ui::WatchController</name>
    <message numerus="yes">
        <source>A dream pass on the runs that just arrived proposed %n rule change(s) to review.</source>
        <translation>
            <numerusform>A dream pass on the runs that just arrived proposed %n rule change to review.</numerusform>
            <numerusform>A dream pass on the runs that just arrived proposed %n rule changes to review.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Watching %n folder(s) for new runs</source>
        <translation>
            <numerusform>Watching %n folder for new runs</numerusform>
            <numerusform>Watching %n folders for new runs</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1: imported %n file(s) from watched folders</source>
        <translation>
            <numerusform>%1: imported %n file from watched folders</numerusform>
            <numerusform>%1: imported %n files from watched folders</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n run(s)</source>
        <translation>
            <numerusform>%n run</numerusform>
            <numerusform>%n runs</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n failed (retried when they change)</source>
        <translation>
            <numerusform>%n failed (retried when it changes)</numerusform>
            <numerusform>%n failed (retried when they change)</numerusform>
        </translation>
    </message>
</context>
</TS>
