<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de" sourcelanguage="en">
<context>
    <name>ChartData</name>
    <message>
        <source>no playbook</source>
        <translation>kein Playbook</translation>
    </message>
    <message>
        <source>v%1</source>
        <translation>v%1</translation>
    </message>
    <message>
        <source>unknown model</source>
        <translation>unbekanntes Modell</translation>
    </message>
    <message numerus="yes">
        <source>%n run(s)</source>
        <translation>
            <numerusform>%n Lauf</numerusform>
            <numerusform>%n Läufe</numerusform>
        </translation>
    </message>
    <message>
        <source>no verdicts</source>
        <translation>keine Bewertungen</translation>
    </message>
    <message>
        <source>%1 (retired)</source>
        <translation>%1 (ausgemustert)</translation>
    </message>
</context>
<context>
    <name>HeatMapData</name>
    <message>
        <source>%1%</source>
        <translation>%1 %</translation>
    </message>
    <message>
        <source>no runs</source>
        <translation>keine Läufe</translation>
    </message>
    <message>
        <source>%1–%2%</source>
        <translation>%1–%2 %</translation>
    </message>
    <message>
        <source>%1 under %2</source>
        <translation>%1 unter %2</translation>
    </message>
    <message>
        <source>%1: no runs</source>
        <translation>%1: keine Läufe</translation>
    </message>
    <message>
        <source>%1: %2, none with a verdict</source>
        <translation>%1: %2, keiner mit Urteil</translation>
    </message>
    <message>
        <source>%1: %2 succeeded, %3 failed of %4; success rate %5 (95% interval %6)</source>
        <translation>%1: %2 erfolgreich, %3 fehlgeschlagen von %4; Erfolgsquote %5 (95-%-Intervall %6)</translation>
    </message>
    <message>
        <source>Few runs: the rate could easily be chance.</source>
        <translation>Wenige Läufe: Die Quote kann leicht Zufall sein.</translation>
    </message>
    <message>
        <source>helps %1 (%2)</source>
        <translation>hilft %1 (%2)</translation>
    </message>
    <message>
        <source>hurts %1 (%2)</source>
        <translation>schadet %1 (%2)</translation>
    </message>
</context>
<context>
    <name>LiveUpdates</name>
    <message numerus="yes">
        <source>%n decision(s)</source>
        <translation>
            <numerusform>%n Entscheidung</numerusform>
            <numerusform>%n Entscheidungen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n proposal change(s)</source>
        <translation>
            <numerusform>%n Vorschlagsänderung</numerusform>
            <numerusform>%n Vorschlagsänderungen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n import(s)</source>
        <translation>
            <numerusform>%n Import</numerusform>
            <numerusform>%n Importe</numerusform>
        </translation>
    </message>
    <message>
        <source>a policy change</source>
        <translation>eine Richtlinienänderung</translation>
    </message>
</context>
<context>
    <name>RegressionTexts</name>
    <message>
        <source>%1%</source>
        <translation>%1 %</translation>
    </message>
    <message>
        <source>Introduced by proposal #%1 (%2), edited and approved by %3.</source>
        <translation>Eingeführt durch Vorschlag #%1 (%2), bearbeitet und genehmigt von %3.</translation>
    </message>
    <message>
        <source>Introduced by proposal #%1 (%2), approved by %3.</source>
        <translation>Eingeführt durch Vorschlag #%1 (%2), genehmigt von %3.</translation>
    </message>
    <message>
        <source>The rule: “%1”</source>
        <translation>Die Regel: „%1“</translation>
    </message>
    <message>
        <source>Introduced by a rollback by %1.</source>
        <translation>Eingeführt durch ein Zurücksetzen von %1.</translation>
    </message>
    <message>
        <source>Introduced by a revert by %1.</source>
        <translation>Eingeführt durch ein Zurücknehmen von %1.</translation>
    </message>
    <message>
        <source>Introduced by a change without a review.</source>
        <translation>Eingeführt durch eine Änderung ohne Prüfung.</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(keine)</translation>
    </message>
    <message>
        <source>  %1: %2 → %3 (p = %4)</source>
        <translation>  %1: %2 → %3 (p = %4)</translation>
    </message>
    <message>
        <source>no judged runs</source>
        <translation>keine beurteilten Läufe</translation>
    </message>
    <message numerus="yes">
        <source>%1 (%2–%3, %n run(s))</source>
        <translation>
            <numerusform>%1 (%2–%3, %n Lauf)</numerusform>
            <numerusform>%1 (%2–%3, %n Läufe)</numerusform>
        </translation>
    </message>
    <message>
        <source>Regressed: success fell from %1 under version %2 to %3 under this version, on the workflows both ran: %4.</source>
        <translation>Verschlechtert: Der Erfolg fiel von %1 unter Version %2 auf %3 unter dieser Version, in den Workflows, die beide hatten: %4.</translation>
    </message>
    <message>
        <source>One-sided Fisher exact test: p = %1 (flagged below %2).</source>
        <translation>Einseitiger exakter Fisher-Test: p = %1 (markiert unter %2).</translation>
    </message>
    <message>
        <source>By workflow:</source>
        <translation>Je Workflow:</translation>
    </message>
    <message>
        <source>By model:</source>
        <translation>Je Modell:</translation>
    </message>
    <message>
        <source>Already undone: the current playbook no longer carries this change.</source>
        <translation>Bereits zurückgenommen: Das aktuelle Playbook enthält diese Änderung nicht mehr.</translation>
    </message>
    <message>
        <source>Later versions build on this change: undo it by hand.</source>
        <translation>Spätere Versionen bauen auf dieser Änderung auf: Nehmen Sie sie von Hand zurück.</translation>
    </message>
    <message>
        <source>success fell from %1 under version %2 to %3 under version %4 (one-sided Fisher p = %5)</source>
        <translation>der Erfolg fiel von %1 unter Version %2 auf %3 unter Version %4 (einseitiger Fisher-Test p = %5)</translation>
    </message>
</context>
<context>
    <name>TimelinePainter</name>
    <message>
        <source>Task</source>
        <translation>Aufgabe</translation>
    </message>
    <message>
        <source>Plan</source>
        <translation>Plan</translation>
    </message>
    <message>
        <source>Tool call</source>
        <translation>Werkzeugaufruf</translation>
    </message>
    <message>
        <source>Observation</source>
        <translation>Beobachtung</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Nachricht</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <source>Verdict</source>
        <translation>Bewertung</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>Sonstiges</translation>
    </message>
    <message>
        <source>+%1 s</source>
        <translation>+%1 s</translation>
    </message>
    <message>
        <source>+%1 h</source>
        <translation>+%1 h</translation>
    </message>
    <message>
        <source>+%1 d</source>
        <translation>+%1 T</translation>
    </message>
</context>
<context>
    <name>TranscriptLayout</name>
    <message>
        <source>show all (%1 characters)</source>
        <translation>alles zeigen (%1 Zeichen)</translation>
    </message>
</context>
<context>
    <name>TranscriptMarkdown</name>
    <message>
        <source>Result</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <source>error</source>
        <translation>Fehler</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Review what your agents learn.</source>
        <translation>Prüfen Sie, was Ihre Agenten lernen.</translation>
    </message>
    <message>
        <source>Open this workspace file.</source>
        <translation>Diese Arbeitsbereichsdatei öffnen.</translation>
    </message>
    <message>
        <source>Open the demo workspace, creating it on first use.</source>
        <translation>Den Demo-Arbeitsbereich öffnen (wird beim ersten Mal angelegt).</translation>
    </message>
</context>
<context>
    <name>reverie::ui::AlignmentModel</name>
    <message>
        <source>%1 (failed)</source>
        <translation>%1 (fehlgeschlagen)</translation>
    </message>
    <message>
        <source>Both runs make this call here</source>
        <translation>Beide Läufe machen hier diesen Aufruf</translation>
    </message>
    <message>
        <source>The runs make different calls here</source>
        <translation>Die Läufe machen hier verschiedene Aufrufe</translation>
    </message>
    <message>
        <source>Only the left run makes this call</source>
        <translation>Nur der linke Lauf macht diesen Aufruf</translation>
    </message>
    <message>
        <source>Only the right run makes this call</source>
        <translation>Nur der rechte Lauf macht diesen Aufruf</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>Schritt</translation>
    </message>
    <message>
        <source>Left run</source>
        <translation>Linker Lauf</translation>
    </message>
    <message>
        <source>Right run</source>
        <translation>Rechter Lauf</translation>
    </message>
</context>
<context>
    <name>reverie::ui::CompareView</name>
    <message>
        <source>failure</source>
        <translation>Fehlschlag</translation>
    </message>
    <message>
        <source>success</source>
        <translation>Erfolg</translation>
    </message>
    <message>
        <source>no verdict</source>
        <translation>keine Bewertung</translation>
    </message>
    <message>
        <source>compared &amp;with</source>
        <translation>verglichen &amp;mit</translation>
    </message>
    <message>
        <source>Cannot compare: %1</source>
        <translation>Vergleich nicht möglich: %1</translation>
    </message>
    <message>
        <source>Pick a run in the list and press Ctrl+Shift+C to compare it.</source>
        <translation>Wählen Sie einen Lauf in der Liste und drücken Sie Strg+Umschalt+C, um ihn zu vergleichen.</translation>
    </message>
    <message>
        <source>No other run of this workflow to compare with.</source>
        <translation>Kein anderer Lauf dieses Workflows zum Vergleichen.</translation>
    </message>
    <message>
        <source>Aligning…</source>
        <translation>Wird ausgerichtet…</translation>
    </message>
    <message>
        <source>%1 same · %2 different · %3 only left · %4 only right</source>
        <translation>%1 gleich · %2 verschieden · %3 nur links · %4 nur rechts</translation>
    </message>
    <message>
        <source>Comparing the runs failed: %1</source>
        <translation>Der Vergleich der Läufe ist fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>Finding runs to compare with…</source>
        <translation>Läufe zum Vergleichen werden gesucht…</translation>
    </message>
    <message>
        <source>Reading the runs to compare failed: %1</source>
        <translation>Das Lesen der Läufe zum Vergleichen ist fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>Trajectory %1 is not in this workspace</source>
        <translation>Trajektorie %1 ist nicht in diesem Arbeitsbereich</translation>
    </message>
</context>
<context>
    <name>reverie::ui::DemoController</name>
    <message>
        <source>Building the demo workspace was cancelled; it stays incomplete.</source>
        <translation>Der Aufbau des Demo-Arbeitsbereichs wurde abgebrochen; er bleibt unvollständig.</translation>
    </message>
    <message numerus="yes">
        <source>Demo workspace ready: playbook version %1, %n proposal(s) to review</source>
        <translation>
            <numerusform>Demo-Arbeitsbereich bereit: Playbook-Version %1, %n Vorschlag zu prüfen</numerusform>
            <numerusform>Demo-Arbeitsbereich bereit: Playbook-Version %1, %n Vorschläge zu prüfen</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>reverie::ui::DiffView</name>
    <message>
        <source>Side by side</source>
        <translation>Nebeneinander</translation>
    </message>
    <message>
        <source>Inline</source>
        <translation>Im Text</translation>
    </message>
    <message>
        <source>Before</source>
        <translation>Vorher</translation>
    </message>
    <message>
        <source>After</source>
        <translation>Nachher</translation>
    </message>
</context>
<context>
    <name>reverie::ui::DreamController</name>
    <message>
        <source>The dream pass stopped with an unknown error.</source>
        <translation>Der Traumlauf wurde mit einem unbekannten Fehler beendet.</translation>
    </message>
</context>
<context>
    <name>reverie::ui::DreamLauncher</name>
    <message>
        <source>Offline miner (deterministic, no network)</source>
        <translation>Offline-Miner (deterministisch, ohne Netzwerk)</translation>
    </message>
    <message>
        <source>LLM reflector: Anthropic</source>
        <translation>LLM-Reflektor: Anthropic</translation>
    </message>
    <message>
        <source>LLM reflector: OpenAI-compatible</source>
        <translation>LLM-Reflektor: OpenAI-kompatibel</translation>
    </message>
    <message>
        <source>model name</source>
        <translation>Modellname</translation>
    </message>
    <message>
        <source>any time</source>
        <translation>jederzeit</translation>
    </message>
    <message>
        <source>Any verdict</source>
        <translation>Jede Bewertung</translation>
    </message>
    <message>
        <source>Failed runs</source>
        <translation>Fehlgeschlagene Läufe</translation>
    </message>
    <message>
        <source>Successful runs</source>
        <translation>Erfolgreiche Läufe</translation>
    </message>
    <message>
        <source>Only runs &amp;not dreamed over yet</source>
        <translation>Nur Läufe, über die &amp;noch nicht geträumt wurde</translation>
    </message>
    <message>
        <source>&amp;Start Dream Pass</source>
        <translation>Traumlauf &amp;starten</translation>
    </message>
    <message>
        <source>Start (Ctrl+Return)</source>
        <translation>Starten (Strg+Eingabe)</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>&amp;Engine:</source>
        <translation>&amp;Engine:</translation>
    </message>
    <message>
        <source>LLM &amp;model:</source>
        <translation>LLM-&amp;Modell:</translation>
    </message>
    <message>
        <source>Server &amp;URL:</source>
        <translation>Server-&amp;URL:</translation>
    </message>
    <message>
        <source>&amp;Workflow:</source>
        <translation>&amp;Workflow:</translation>
    </message>
    <message>
        <source>Started &amp;since:</source>
        <translation>Gestartet &amp;seit:</translation>
    </message>
    <message>
        <source>&amp;Verdict:</source>
        <translation>&amp;Bewertung:</translation>
    </message>
    <message>
        <source>Agent m&amp;odel:</source>
        <translation>Agenten-M&amp;odell:</translation>
    </message>
    <message>
        <source>New dream pass</source>
        <translation>Neuer Traumlauf</translation>
    </message>
    <message>
        <source>Learn from</source>
        <translation>Lernen aus</translation>
    </message>
    <message>
        <source>Idle</source>
        <translation>Untätig</translation>
    </message>
    <message>
        <source>All workflows</source>
        <translation>Alle Workflows</translation>
    </message>
    <message>
        <source>All models</source>
        <translation>Alle Modelle</translation>
    </message>
    <message>
        <source>Reads the key from ANTHROPIC_API_KEY.</source>
        <translation>Liest den Schlüssel aus ANTHROPIC_API_KEY.</translation>
    </message>
    <message>
        <source>Reads the key from OPENAI_API_KEY. Local servers (Ollama, llama.cpp, vLLM) work too.</source>
        <translation>Liest den Schlüssel aus OPENAI_API_KEY. Lokale Server (Ollama, llama.cpp, vLLM) funktionieren auch.</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>Startet…</translation>
    </message>
</context>
<context>
    <name>reverie::ui::DreamRunListModel</name>
    <message>
        <source>running</source>
        <translation>läuft</translation>
    </message>
    <message>
        <source>succeeded</source>
        <translation>erfolgreich</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>fehlgeschlagen</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>abgebrochen</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>Lauf</translation>
    </message>
    <message>
        <source>Engine</source>
        <translation>Engine</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>Gestartet</translation>
    </message>
    <message>
        <source>Took</source>
        <translation>Dauer</translation>
    </message>
    <message>
        <source>Trajectories</source>
        <translation>Trajektorien</translation>
    </message>
    <message>
        <source>Proposals</source>
        <translation>Vorschläge</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <source>interrupted</source>
        <translation>unterbrochen</translation>
    </message>
</context>
<context>
    <name>reverie::ui::DreamsPage</name>
    <message>
        <source>Why: %1</source>
        <translation>Warum: %1</translation>
    </message>
    <message>
        <source>Applies to: %1</source>
        <translation>Gilt für: %1</translation>
    </message>
    <message>
        <source>Replay: %1 runs broke it (%2 failed); %3 kept it (%4 succeeded)</source>
        <translation>Nachspielen: %1 Läufe brachen sie (%2 fehlgeschlagen); %3 hielten sie ein (%4 erfolgreich)</translation>
    </message>
    <message>
        <source>Warning: successful runs routinely break this rule.</source>
        <translation>Warnung: Erfolgreiche Läufe brechen diese Regel regelmäßig.</translation>
    </message>
    <message>
        <source>Conflict (%1) with %2: %3</source>
        <translation>Konflikt (%1) mit %2: %3</translation>
    </message>
    <message>
        <source>Pro&amp;posal</source>
        <translation>&amp;Vorschlag</translation>
    </message>
    <message>
        <source>E&amp;vidence (Enter opens the step)</source>
        <translation>&amp;Belege (Eingabe öffnet den Schritt)</translation>
    </message>
    <message>
        <source>Dream &amp;runs</source>
        <translation>Traum&amp;läufe</translation>
    </message>
    <message>
        <source>Proposals of the selected r&amp;un</source>
        <translation>Vorschläge des gewählten La&amp;ufs</translation>
    </message>
    <message>
        <source>Start Dream Pass</source>
        <translation>Traumlauf starten</translation>
    </message>
    <message>
        <source>Dreams</source>
        <translation>Träume</translation>
    </message>
    <message>
        <source>Dream pass</source>
        <translation>Traumlauf</translation>
    </message>
    <message>
        <source>Dream pass started</source>
        <translation>Traumlauf gestartet</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>Wird abgebrochen…</translation>
    </message>
    <message numerus="yes">
        <source>Dream pass finished: %n proposal(s)</source>
        <translation>
            <numerusform>Traumlauf beendet: %n Vorschlag</numerusform>
            <numerusform>Traumlauf beendet: %n Vorschläge</numerusform>
        </translation>
    </message>
    <message>
        <source>Dream pass cancelled; nothing was proposed.</source>
        <translation>Traumlauf abgebrochen; nichts wurde vorgeschlagen.</translation>
    </message>
    <message>
        <source>Dream pass failed: %1</source>
        <translation>Traumlauf fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>Dream pass interrupted: %1</source>
        <translation>Traumdurchlauf unterbrochen: %1</translation>
    </message>
    <message>
        <source>Could not read the dream runs: %1</source>
        <translation>Die Traumläufe konnten nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>Could not read the proposals of dream run %1: %2</source>
        <translation>Die Vorschläge von Traumlauf %1 konnten nicht gelesen werden: %2</translation>
    </message>
</context>
<context>
    <name>reverie::ui::EvidenceListModel</name>
    <message>
        <source>Enter or double-click: open on the timeline
%1</source>
        <translation>Eingabe oder Doppelklick: auf der Zeitleiste öffnen
%1</translation>
    </message>
    <message>
        <source>step %1</source>
        <translation>Schritt %1</translation>
    </message>
    <message>
        <source>step</source>
        <translation>Schritt</translation>
    </message>
    <message>
        <source>whole run</source>
        <translation>ganzer Lauf</translation>
    </message>
    <message>
        <source>Trajectory</source>
        <translation>Trajektorie</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>Schritt</translation>
    </message>
    <message>
        <source>Why it counts</source>
        <translation>Warum es zählt</translation>
    </message>
</context>
<context>
    <name>reverie::ui::HistoryPage</name>
    <message>
        <source>Your name, recorded with every change (asked once; change it in Settings):</source>
        <translation>Ihr Name, mit jeder Änderung festgehalten (einmalige Frage; änderbar in den Einstellungen):</translation>
    </message>
    <message>
        <source>Reviewer name</source>
        <translation>Name des Prüfers</translation>
    </message>
    <message>
        <source>Rolled back to version %1</source>
        <translation>Auf Version %1 zurückgesetzt</translation>
    </message>
    <message>
        <source>Reverted proposal #%1</source>
        <translation>Vorschlag #%1 zurückgenommen</translation>
    </message>
    <message>
        <source>Refused: %1</source>
        <translation>Abgelehnt: %1</translation>
    </message>
    <message>
        <source>Not recorded: %1</source>
        <translation>Nicht festgehalten: %1</translation>
    </message>
    <message>
        <source>%1: the playbook is now version %2.</source>
        <translation>%1: Das Playbook ist jetzt Version %2.</translation>
    </message>
    <message>
        <source>Published to %1.</source>
        <translation>Veröffentlicht nach %1.</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>Rückgängig</translation>
    </message>
    <message>
        <source>Undone: back to the rules of version %1</source>
        <translation>Rückgängig gemacht: zurück zu den Regeln von Version %1</translation>
    </message>
    <message>
        <source>undo: back to version %1</source>
        <translation>Rückgängig: zurück zu Version %1</translation>
    </message>
    <message>
        <source>History shortcuts</source>
        <translation>Tastenkürzel im Verlauf</translation>
    </message>
    <message>
        <source>Playbook history</source>
        <translation>Playbook-Verlauf</translation>
    </message>
    <message>
        <source>Roll back to this version</source>
        <translation>Auf diese Version zurücksetzen</translation>
    </message>
    <message>
        <source>Appends a new version with this version&apos;s rules (Ctrl+Shift+B)</source>
        <translation>Hängt eine neue Version mit den Regeln dieser Version an (Strg+Umschalt+B)</translation>
    </message>
    <message>
        <source>Revert this change</source>
        <translation>Diese Änderung zurücknehmen</translation>
    </message>
    <message>
        <source>Appends a new version without this approved change, keeping later ones (Ctrl+Shift+X)</source>
        <translation>Hängt eine neue Version ohne diese genehmigte Änderung an; spätere bleiben erhalten (Strg+Umschalt+X)</translation>
    </message>
    <message>
        <source>Changes</source>
        <translation>Änderungen</translation>
    </message>
    <message>
        <source>Stats</source>
        <translation>Statistik</translation>
    </message>
    <message>
        <source>Roll back to the selected version</source>
        <translation>Auf die gewählte Version zurücksetzen</translation>
    </message>
    <message>
        <source>Revert the selected change</source>
        <translation>Die gewählte Änderung zurücknehmen</translation>
    </message>
    <message>
        <source>Undo the last rollback or revert</source>
        <translation>Das letzte Zurücksetzen oder Zurücknehmen rückgängig machen</translation>
    </message>
    <message>
        <source>Show the changes / the stats</source>
        <translation>Änderungen / Statistik zeigen</translation>
    </message>
    <message>
        <source>Show this list of shortcuts</source>
        <translation>Diese Liste der Tastenkürzel zeigen</translation>
    </message>
    <message>
        <source>Could not read the playbook history: %1</source>
        <translation>Der Playbook-Verlauf konnte nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>Not published: add a publish target in Settings so the agent runtime gets the approved playbook.</source>
        <translation>Nicht veröffentlicht: Fügen Sie in den Einstellungen ein Veröffentlichungsziel hinzu, damit die Agenten-Laufzeit das genehmigte Playbook erhält.</translation>
    </message>
    <message>
        <source>Published after every approval, revert and rollback to:</source>
        <translation>Nach jeder Genehmigung, Rücknahme und jedem Zurücksetzen veröffentlicht nach:</translation>
    </message>
    <message>
        <source>not written yet</source>
        <translation>noch nicht geschrieben</translation>
    </message>
    <message>
        <source>differs from every version (changed outside Reverie?)</source>
        <translation>weicht von jeder Version ab (außerhalb von Reverie geändert?)</translation>
    </message>
    <message>
        <source>holds version %1, the current one</source>
        <translation>enthält Version %1, die aktuelle</translation>
    </message>
    <message>
        <source>holds version %1; the current version is %2</source>
        <translation>enthält Version %1; aktuell ist Version %2</translation>
    </message>
    <message>
        <source>written %1</source>
        <translation>geschrieben %1</translation>
    </message>
    <message>
        <source>This change is high-stakes: %1</source>
        <translation>Diese Änderung hat hohes Risiko: %1</translation>
    </message>
    <message>
        <source>Why? The reason is recorded with this high-stakes change:</source>
        <translation>Warum? Die Begründung wird mit dieser Änderung mit hohem Risiko festgehalten:</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Begründung</translation>
    </message>
    <message>
        <source>Not applied yet: request #%1 needs %2 approval(s) from other reviewers; it waits in the review queue.</source>
        <translation>Noch nicht angewendet: Antrag #%1 braucht %2 Freigabe(n) anderer Prüfer; er wartet in der Prüfwarteschlange.</translation>
    </message>
    <message>
        <source>The decision stands, but %1. Publishing is retried on the next decision or open, or with reverie publish.</source>
        <translation>Die Entscheidung gilt, aber %1. Das Veröffentlichen wird bei der nächsten Entscheidung oder beim nächsten Öffnen wiederholt, oder mit reverie publish.</translation>
    </message>
    <message>
        <source>Publishing</source>
        <translation>Veröffentlichung</translation>
    </message>
    <message>
        <source>the last publish failed: %1</source>
        <translation>die letzte Veröffentlichung schlug fehl: %1</translation>
    </message>
    <message>
        <source>written</source>
        <translation>geschrieben</translation>
    </message>
    <message>
        <source>failed: %1</source>
        <translation>fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>%1 · version %2 · %3 · %4</source>
        <translation>%1 · Version %2 · %3 · %4</translation>
    </message>
    <message>
        <source>Nothing published yet.</source>
        <translation>Noch nichts veröffentlicht.</translation>
    </message>
    <message>
        <source>Reverted proposal #%1, which made success drop in version %2</source>
        <translation>Vorschlag #%1 zurückgenommen, der den Erfolg in Version %2 sinken ließ</translation>
    </message>
    <message>
        <source>Restored the rules of version %1, before the change that made success drop</source>
        <translation>Regeln von Version %1 wiederhergestellt, vor der Änderung, die den Erfolg sinken ließ</translation>
    </message>
    <message>
        <source>Revert the change that introduced it</source>
        <translation>Die verursachende Änderung zurücknehmen</translation>
    </message>
    <message>
        <source>For a version marked regressed: appends a new version without the change that made success drop, as your reviewed decision; a high-stakes change waits for approvers (Ctrl+Shift+G)</source>
        <translation>Für eine als verschlechtert markierte Version: hängt eine neue Version ohne die Änderung an, die den Erfolg sinken ließ, als Ihre geprüfte Entscheidung; eine Änderung mit hohem Risiko wartet auf Genehmigende (Strg+Umschalt+G)</translation>
    </message>
    <message>
        <source>Revert the change that introduced the selected regression</source>
        <translation>Die Änderung zurücknehmen, die die gewählte Verschlechterung verursachte</translation>
    </message>
</context>
<context>
    <name>reverie::ui::MainWindow</name>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>&amp;New Workspace…</source>
        <translation>&amp;Neuer Arbeitsbereich…</translation>
    </message>
    <message>
        <source>&amp;Open Workspace…</source>
        <translation>Arbeitsbereich ö&amp;ffnen…</translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation>&amp;Zuletzt geöffnet</translation>
    </message>
    <message>
        <source>&amp;Import Files…</source>
        <translation>Dateien &amp;importieren…</translation>
    </message>
    <message>
        <source>Ctrl+I</source>
        <translation>Ctrl+I</translation>
    </message>
    <message>
        <source>Import &amp;Folder…</source>
        <translation>&amp;Ordner importieren…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>Cannot open workspace</source>
        <translation>Arbeitsbereich kann nicht geöffnet werden</translation>
    </message>
    <message>
        <source>An import is already running.</source>
        <translation>Es läuft bereits ein Import.</translation>
    </message>
    <message numerus="yes">
        <source>Import cancelled: %n file(s) imported</source>
        <translation>
            <numerusform>Import abgebrochen: %n Datei importiert</numerusform>
            <numerusform>Import abgebrochen: %n Dateien importiert</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Imported %n file(s)</source>
        <translation>
            <numerusform>%n Datei importiert</numerusform>
            <numerusform>%n Dateien importiert</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>, %n failed</source>
        <translation>
            <numerusform>, %n fehlgeschlagen</numerusform>
            <numerusform>, %n fehlgeschlagen</numerusform>
        </translation>
    </message>
    <message>
        <source>Some files were not imported</source>
        <translation>Einige Dateien wurden nicht importiert</translation>
    </message>
    <message>
        <source>Nothing from these files was stored:</source>
        <translation>Aus diesen Dateien wurde nichts gespeichert:</translation>
    </message>
    <message>
        <source>New Workspace</source>
        <translation>Neuer Arbeitsbereich</translation>
    </message>
    <message>
        <source>Reverie workspaces (*.reverie)</source>
        <translation>Reverie-Arbeitsbereiche (*.reverie)</translation>
    </message>
    <message>
        <source>Open Workspace</source>
        <translation>Arbeitsbereich öffnen</translation>
    </message>
    <message>
        <source>Reverie workspaces (*.reverie);;All files (*)</source>
        <translation>Reverie-Arbeitsbereiche (*.reverie);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Import Trajectories</source>
        <translation>Trajektorien importieren</translation>
    </message>
    <message>
        <source>Import a Folder of Trajectories</source>
        <translation>Einen Ordner mit Trajektorien importieren</translation>
    </message>
    <message>
        <source>Pages</source>
        <translation>Seiten</translation>
    </message>
    <message>
        <source>%1 (Ctrl+%2)</source>
        <translation>%1 (Strg+%2)</translation>
    </message>
    <message>
        <source>Ctrl+Shift+I</source>
        <translation>Ctrl+Shift+I</translation>
    </message>
    <message>
        <source>&amp;Go</source>
        <translation>&amp;Gehe zu</translation>
    </message>
    <message>
        <source>&amp;Tools</source>
        <translation>&amp;Werkzeuge</translation>
    </message>
    <message>
        <source>&amp;Dream Pass…</source>
        <translation>&amp;Traumlauf…</translation>
    </message>
    <message>
        <source>&amp;Cancel Background Tasks</source>
        <translation>Hintergrundaufgaben &amp;abbrechen</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>&amp;Keyboard Shortcuts</source>
        <translation>&amp;Tastenkürzel</translation>
    </message>
    <message>
        <source>Keyboard Shortcuts</source>
        <translation>Tastenkürzel</translation>
    </message>
    <message numerus="yes">
        <source>Importing %n path(s)</source>
        <translation>
            <numerusform>Importiere %n Pfad</numerusform>
            <numerusform>Importiere %n Pfade</numerusform>
        </translation>
    </message>
    <message>
        <source>No workspace</source>
        <translation>Kein Arbeitsbereich</translation>
    </message>
    <message>
        <source>Pages: Ctrl+1 Trajectories, Ctrl+2 Dreams, Ctrl+3 Review, Ctrl+4 Playbook history

Trajectories: Ctrl+F search, Enter/Down in the search box goes to the results, Ctrl+L the list, Enter on a run opens its timeline, Ctrl+T the timeline, Ctrl+Shift+C compare with a run of the opposite verdict, Ctrl+Shift+S save the view

Timeline: Right/Left or N/P next/previous step, Home/End first/last, E / Shift+E next/previous error, J / Shift+J next/previous dream evidence, + / - zoom, F or 0 fit, Shift+Right/Left and PgUp/PgDn pan, Enter reads the step (Esc returns), Esc back to the list

Dreams: Ctrl+Enter starts a pass; Enter on evidence opens that step

Files: Ctrl+O open workspace, Ctrl+N new workspace, Ctrl+I import files</source>
        <translation>Seiten: Strg+1 Trajektorien, Strg+2 Träume, Strg+3 Prüfung, Strg+4 Playbook-Verlauf

Trajektorien: Strg+F Suche, Eingabe/Pfeil runter im Suchfeld springt zu den Treffern, Strg+L die Liste, Eingabe auf einem Lauf öffnet seine Zeitleiste, Strg+T die Zeitleiste, Strg+Umschalt+C mit einem Lauf der gegenteiligen Bewertung vergleichen, Strg+Umschalt+S die Ansicht speichern

Zeitleiste: Rechts/Links oder N/P nächster/vorheriger Schritt, Pos1/Ende erster/letzter, E / Umschalt+E nächster/vorheriger Fehler, J / Umschalt+J nächster/vorheriger Traumbeleg, + / - Zoom, F oder 0 einpassen, Umschalt+Rechts/Links und Bild auf/ab verschieben, Eingabe liest den Schritt (Esc kehrt zurück), Esc zurück zur Liste

Träume: Strg+Eingabe startet einen Lauf; Eingabe auf einem Beleg öffnet diesen Schritt

Dateien: Strg+O Arbeitsbereich öffnen, Strg+N neuer Arbeitsbereich, Strg+I Dateien importieren</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Bearbeiten</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>&amp;Einstellungen…</translation>
    </message>
    <message>
        <source>Publishing the approved playbook: %1</source>
        <translation>Veröffentlichen des freigegebenen Playbooks: %1</translation>
    </message>
    <message>
        <source>Building the demo workspace</source>
        <translation>Demo-Arbeitsbereich wird aufgebaut</translation>
    </message>
    <message>
        <source>The demo workspace is incomplete</source>
        <translation>Der Demo-Arbeitsbereich ist unvollständig</translation>
    </message>
    <message>
        <source>Reverie</source>
        <translation>Reverie</translation>
    </message>
    <message>
        <source>A workspace is already being opened.</source>
        <translation>Es wird bereits ein Arbeitsbereich geöffnet.</translation>
    </message>
    <message>
        <source>Opening %1 was cancelled.</source>
        <translation>Das Öffnen von %1 wurde abgebrochen.</translation>
    </message>
    <message>
        <source>Could not open %1.</source>
        <translation>%1 konnte nicht geöffnet werden.</translation>
    </message>
    <message>
        <source>Open &amp;Server Workspace…</source>
        <translation>&amp;Server-Arbeitsbereich öffnen…</translation>
    </message>
    <message>
        <source>Ctrl+Shift+O</source>
        <translation>Ctrl+Shift+O</translation>
    </message>
    <message>
        <source>From other reviewers: %1.</source>
        <translation>Von anderen Prüfern: %1.</translation>
    </message>
    <message>
        <source>Live updates are back; what was missed has been read.</source>
        <translation>Live-Aktualisierungen laufen wieder; Verpasstes wurde nachgelesen.</translation>
    </message>
    <message>
        <source>Live updates paused: %1</source>
        <translation>Live-Aktualisierungen unterbrochen: %1</translation>
    </message>
</context>
<context>
    <name>reverie::ui::NoticeBar</name>
    <message>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
</context>
<context>
    <name>reverie::ui::OutcomeCharts</name>
    <message>
        <source>Success rate (%)</source>
        <translation>Erfolgsquote (%)</translation>
    </message>
    <message>
        <source>By playbook version</source>
        <translation>Nach Playbook-Version</translation>
    </message>
    <message>
        <source>By model</source>
        <translation>Nach Modell</translation>
    </message>
    <message>
        <source>Per rule</source>
        <translation>Je Regel</translation>
    </message>
    <message>
        <source>Success rate per playbook version</source>
        <translation>Erfolgsquote je Playbook-Version</translation>
    </message>
    <message>
        <source>No runs recorded a playbook version yet</source>
        <translation>Noch keine Läufe mit Playbook-Version</translation>
    </message>
    <message>
        <source>Success rate per model</source>
        <translation>Erfolgsquote je Modell</translation>
    </message>
    <message>
        <source>No runs with a model yet</source>
        <translation>Noch keine Läufe mit Modell</translation>
    </message>
    <message>
        <source>No rule has evidence yet</source>
        <translation>Noch keine Regel hat Belege</translation>
    </message>
    <message>
        <source>Evidence per rule: runs under the rule</source>
        <translation>Belege je Regel: Läufe unter der Regel</translation>
    </message>
    <message>
        <source>Helpful (succeeded)</source>
        <translation>Hilfreich (erfolgreich)</translation>
    </message>
    <message>
        <source>Harmful (failed)</source>
        <translation>Schädlich (fehlgeschlagen)</translation>
    </message>
    <message>
        <source>By version and model</source>
        <translation>Je Version und Modell</translation>
    </message>
</context>
<context>
    <name>reverie::ui::PortabilityView</name>
    <message>
        <source>Success rate per playbook version and model</source>
        <translation>Erfolgsquote je Playbook-Version und Modell</translation>
    </message>
    <message>
        <source>Model-specific rules</source>
        <translation>Modellspezifische Regeln</translation>
    </message>
    <message>
        <source>Could not read the outcomes: %1</source>
        <translation>Die Ergebnisse konnten nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>No runs yet: import runs that record their model and playbook version.</source>
        <translation>Noch keine Läufe: Importieren Sie Läufe, die ihr Modell und ihre Playbook-Version festhalten.</translation>
    </message>
    <message numerus="yes">
        <source>Success rate per playbook version (rows) and model (columns), with the run count and the 95% interval. Pale cells rest on fewer than %n run(s) with a verdict.</source>
        <translation>
            <numerusform>Erfolgsquote je Playbook-Version (Zeilen) und Modell (Spalten), mit Zahl der Läufe und 95-%-Intervall. Blasse Zellen beruhen auf weniger als %n Lauf mit Urteil.</numerusform>
            <numerusform>Erfolgsquote je Playbook-Version (Zeilen) und Modell (Spalten), mit Zahl der Läufe und 95-%-Intervall. Blasse Zellen beruhen auf weniger als %n Läufen mit Urteil.</numerusform>
        </translation>
    </message>
    <message>
        <source>No rule significantly helps one model and hurts another.</source>
        <translation>Keine Regel hilft einem Modell signifikant und schadet einem anderen.</translation>
    </message>
    <message numerus="yes">
        <source>Model-specific: %n rule(s) help one model and hurt another (one-sided Fisher exact p &lt; 0.05 each way). Consider scoping them to the models they help.</source>
        <translation>
            <numerusform>Modellspezifisch: %n Regel hilft einem Modell und schadet einem anderen (einseitiger exakter Fisher-Test, p &lt; 0,05 in beide Richtungen). Beschränken Sie sie auf die Modelle, denen sie hilft.</numerusform>
            <numerusform>Modellspezifisch: %n Regeln helfen einem Modell und schaden einem anderen (einseitiger exakter Fisher-Test, p &lt; 0,05 in beide Richtungen). Beschränken Sie sie auf die Modelle, denen sie helfen.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>reverie::ui::PromptBar</name>
    <message>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
</context>
<context>
    <name>reverie::ui::ProposalDetailView</name>
    <message>
        <source>Applies everywhere</source>
        <translation>Gilt überall</translation>
    </message>
    <message>
        <source>workflows: %1</source>
        <translation>Workflows: %1</translation>
    </message>
    <message>
        <source>tools: %1</source>
        <translation>Werkzeuge: %1</translation>
    </message>
    <message>
        <source>Applies to %1</source>
        <translation>Gilt für %1</translation>
    </message>
    <message>
        <source>Nothing to review. New proposals appear here after a dream run.</source>
        <translation>Nichts zu prüfen. Neue Vorschläge erscheinen hier nach einem Traumlauf.</translation>
    </message>
    <message>
        <source>Proposal #%1</source>
        <translation>Vorschlag #%1</translation>
    </message>
    <message>
        <source>NEEDS REBASE</source>
        <translation>REBASE NÖTIG</translation>
    </message>
    <message>
        <source>Current playbook</source>
        <translation>Aktuelles Playbook</translation>
    </message>
    <message>
        <source>Current rule %1</source>
        <translation>Aktuelle Regel %1</translation>
    </message>
    <message>
        <source>After removal</source>
        <translation>Nach dem Entfernen</translation>
    </message>
    <message>
        <source>Proposed</source>
        <translation>Vorgeschlagen</translation>
    </message>
    <message>
        <source>(no rule yet: this adds one)</source>
        <translation>(noch keine Regel: dies fügt eine hinzu)</translation>
    </message>
    <message>
        <source>(the rule is removed)</source>
        <translation>(die Regel wird entfernt)</translation>
    </message>
    <message>
        <source>Why: %1</source>
        <translation>Warum: %1</translation>
    </message>
    <message>
        <source>(no rationale given)</source>
        <translation>(keine Begründung angegeben)</translation>
    </message>
    <message numerus="yes">
        <source>Replay on stored runs: of %n run(s) that broke this rule, %1 failed;</source>
        <translation>
            <numerusform>Nachspielen an gespeicherten Läufen: von %n Lauf, der diese Regel brach, schlugen %1 fehl;</numerusform>
            <numerusform>Nachspielen an gespeicherten Läufen: von %n Läufen, die diese Regel brachen, schlugen %1 fehl;</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>of %n run(s) that kept it, %1 succeeded.</source>
        <translation>
            <numerusform>von %n Lauf, der sie einhielt, waren %1 erfolgreich.</numerusform>
            <numerusform>von %n Läufen, die sie einhielten, waren %1 erfolgreich.</numerusform>
        </translation>
    </message>
    <message>
        <source>Warning: successful runs routinely break this rule.</source>
        <translation>Warnung: Erfolgreiche Läufe brechen diese Regel regelmäßig.</translation>
    </message>
    <message>
        <source>Target rule(s) no longer in the playbook: %1</source>
        <translation>Zielregel(n) nicht mehr im Playbook: %1</translation>
    </message>
    <message>
        <source>Approved so far by: %1</source>
        <translation>Bisher genehmigt von: %1</translation>
    </message>
    <message numerus="yes">
        <source>High-stakes: needs %n distinct approval(s) and a reason.</source>
        <translation>
            <numerusform>Hohes Risiko: braucht %n Genehmigung und eine Begründung.</numerusform>
            <numerusform>Hohes Risiko: braucht %n Genehmigungen verschiedener Personen und eine Begründung.</numerusform>
        </translation>
    </message>
    <message>
        <source>No approvals yet.</source>
        <translation>Noch keine Genehmigungen.</translation>
    </message>
    <message>
        <source>Approved so far (%1 of %2): %3</source>
        <translation>Bisher genehmigt (%1 von %2): %3</translation>
    </message>
    <message>
        <source>Written by %1, who cannot approve it.</source>
        <translation>Verfasst von %1, der ihn nicht selbst genehmigen kann.</translation>
    </message>
    <message numerus="yes">
        <source>Support: %n run(s)</source>
        <translation>
            <numerusform>Stütze: %n Lauf</numerusform>
            <numerusform>Stütze: %n Läufe</numerusform>
        </translation>
    </message>
    <message>
        <source>Confidence: %1%</source>
        <translation>Konfidenz: %1 %</translation>
    </message>
    <message>
        <source>Based on the current version %1</source>
        <translation>Basiert auf der aktuellen Version %1</translation>
    </message>
    <message>
        <source>Based on version %1 (current: %2)</source>
        <translation>Basiert auf Version %1 (aktuell: %2)</translation>
    </message>
    <message>
        <source>by %1</source>
        <translation>von %1</translation>
    </message>
    <message>
        <source>by %1 (%2)</source>
        <translation>von %1 (%2)</translation>
    </message>
    <message>
        <source>No conflicts with existing rules.</source>
        <translation>Keine Konflikte mit bestehenden Regeln.</translation>
    </message>
    <message>
        <source>Conflicts with existing rules:</source>
        <translation>Konflikte mit bestehenden Regeln:</translation>
    </message>
    <message>
        <source>    %1 now reads: %2</source>
        <translation>    %1 lautet jetzt: %2</translation>
    </message>
    <message numerus="yes">
        <source>Evidence (%n): click or press Enter to open the run at that step</source>
        <translation>
            <numerusform>Beleg (%n): Klicken oder Eingabe drücken, um den Lauf an diesem Schritt zu öffnen</numerusform>
            <numerusform>Belege (%n): Klicken oder Eingabe drücken, um den Lauf an diesem Schritt zu öffnen</numerusform>
        </translation>
    </message>
    <message>
        <source>run %1</source>
        <translation>Lauf %1</translation>
    </message>
    <message>
        <source>step %1</source>
        <translation>Schritt %1</translation>
    </message>
    <message>
        <source>Rules now</source>
        <translation>Regeln jetzt</translation>
    </message>
    <message>
        <source>Policy change</source>
        <translation>Richtlinienänderung</translation>
    </message>
    <message>
        <source>Rules after it</source>
        <translation>Regeln danach</translation>
    </message>
    <message>
        <source>(no rule changes back)</source>
        <translation>(keine Regel kehrt zurück)</translation>
    </message>
    <message>
        <source>(these rules go)</source>
        <translation>(diese Regeln entfallen)</translation>
    </message>
    <message>
        <source>the run changed since; it cited: %1</source>
        <translation>der Lauf hat sich seitdem geändert; zitiert wurde: %1</translation>
    </message>
    <message>
        <source>strong</source>
        <translation>stark</translation>
    </message>
    <message>
        <source>moderate</source>
        <translation>mäßig</translation>
    </message>
    <message>
        <source>weak — could be chance</source>
        <translation>schwach — könnte Zufall sein</translation>
    </message>
    <message>
        <source>Evidence: %1 (one-sided Fisher exact p = %2; failure rate when broken %3–%4%, when kept %5–%6%)</source>
        <translation>Beleg: %1 (einseitiger exakter Fisher-Test p = %2; Fehlerquote bei Verstoß %3–%4 %, bei Einhaltung %5–%6 %)</translation>
    </message>
    <message>
        <source>models: %1</source>
        <translation>Modelle: %1</translation>
    </message>
</context>
<context>
    <name>reverie::ui::ProposalListModel</name>
    <message>
        <source>%1%</source>
        <translation>%1 %</translation>
    </message>
    <message>
        <source>high</source>
        <translation>hoch</translation>
    </message>
    <message>
        <source>low</source>
        <translation>gering</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>Änderung</translation>
    </message>
    <message>
        <source>Proposed rule</source>
        <translation>Vorgeschlagene Regel</translation>
    </message>
    <message>
        <source>Confidence</source>
        <translation>Konfidenz</translation>
    </message>
    <message>
        <source>Support</source>
        <translation>Stütze</translation>
    </message>
    <message>
        <source>Stakes</source>
        <translation>Risiko</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
</context>
<context>
    <name>reverie::ui::ProposalQueueModel</name>
    <message>
        <source>ADD</source>
        <translation>HINZUFÜGEN</translation>
    </message>
    <message>
        <source>EDIT</source>
        <translation>ÄNDERN</translation>
    </message>
    <message>
        <source>REMOVE</source>
        <translation>ENTFERNEN</translation>
    </message>
    <message>
        <source>MERGE</source>
        <translation>ZUSAMMENFÜHREN</translation>
    </message>
    <message>
        <source>HIGH STAKES</source>
        <translation>HOHES RISIKO</translation>
    </message>
    <message>
        <source>low stakes</source>
        <translation>geringes Risiko</translation>
    </message>
    <message numerus="yes">
        <source>Manual proposals (%n)</source>
        <translation>
            <numerusform>Manuelle Vorschläge (%n)</numerusform>
            <numerusform>Manuelle Vorschläge (%n)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Dream run #%1 · %2 · %3 (%n)</source>
        <translation>
            <numerusform>Traumlauf #%1 · %2 · %3 (%n)</numerusform>
            <numerusform>Traumlauf #%1 · %2 · %3 (%n)</numerusform>
        </translation>
    </message>
    <message>
        <source>unknown engine</source>
        <translation>unbekannte Engine</translation>
    </message>
    <message>
        <source>(needs rebase)</source>
        <translation>(Rebase nötig)</translation>
    </message>
    <message>
        <source>(deciding…)</source>
        <translation>(wird entschieden…)</translation>
    </message>
    <message>
        <source>Proposal</source>
        <translation>Vorschlag</translation>
    </message>
    <message>
        <source>Stakes</source>
        <translation>Risiko</translation>
    </message>
    <message>
        <source>Confidence</source>
        <translation>Konfidenz</translation>
    </message>
    <message>
        <source>Support</source>
        <translation>Stütze</translation>
    </message>
    <message>
        <source>low</source>
        <translation>gering</translation>
    </message>
    <message>
        <source>HIGH %1/%2</source>
        <translation>HOCH %1/%2</translation>
    </message>
    <message>
        <source>ROLLBACK</source>
        <translation>ZURÜCKSETZEN</translation>
    </message>
    <message>
        <source>REVERT</source>
        <translation>ZURÜCKNEHMEN</translation>
    </message>
    <message>
        <source>POLICY</source>
        <translation>RICHTLINIE</translation>
    </message>
    <message>
        <source>(weak evidence)</source>
        <translation>(schwache Belege)</translation>
    </message>
</context>
<context>
    <name>reverie::ui::ProposalTexts</name>
    <message>
        <source>Hold-out: holds on %1 of %2 newer runs (they broke it and failed, or kept it and succeeded).</source>
        <translation>Zurückgehaltene Läufe: gilt bei %1 von %2 neueren Läufen (sie brachen die Regel und scheiterten, oder hielten sie ein und hatten Erfolg).</translation>
    </message>
    <message numerus="yes">
        <source>Hold-out: did not hold on %n newer run(s).</source>
        <translation>
            <numerusform>Zurückgehaltene Läufe: galt nicht bei %n neuerem Lauf.</numerusform>
            <numerusform>Zurückgehaltene Läufe: galt nicht bei %n neueren Läufen.</numerusform>
        </translation>
    </message>
    <message>
        <source>Hold-out: not tested; its workflow has too few runs to hold any out.</source>
        <translation>Zurückgehaltene Läufe: nicht geprüft; der Workflow hat zu wenige Läufe, um welche zurückzuhalten.</translation>
    </message>
    <message>
        <source>Hold-out: not enough newer runs to test (of %1 held out, %2 broke it and %3 kept it).</source>
        <translation>Zurückgehaltene Läufe: zu wenige neuere Läufe zum Prüfen (von %1 zurückgehaltenen brachen %2 die Regel und %3 hielten sie ein).</translation>
    </message>
    <message>
        <source>Hold-out: not tested; the rule has none of the forms Reverie can replay.</source>
        <translation>Zurückgehaltene Läufe: nicht geprüft; die Regel hat keine der Formen, die Reverie nachspielen kann.</translation>
    </message>
</context>
<context>
    <name>reverie::ui::ReviewPage</name>
    <message>
        <source>Your name, recorded with every decision (asked once; change it in Settings):</source>
        <translation>Ihr Name, mit jeder Entscheidung festgehalten (einmalige Frage; änderbar in den Einstellungen):</translation>
    </message>
    <message>
        <source>Reviewer name</source>
        <translation>Name des Prüfers</translation>
    </message>
    <message>
        <source>High-stakes proposal #%1: why approve it? (required)</source>
        <translation>Vorschlag #%1 mit hohem Risiko: Warum genehmigen? (Pflichtangabe)</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Begründung</translation>
    </message>
    <message>
        <source>Why reject proposal #%1? (required)</source>
        <translation>Warum Vorschlag #%1 ablehnen? (Pflichtangabe)</translation>
    </message>
    <message numerus="yes">
        <source>Approve the %n low-stakes proposal(s) shown. One reason for all:</source>
        <translation>
            <numerusform>Den angezeigten Vorschlag mit geringem Risiko genehmigen. Eine Begründung:</numerusform>
            <numerusform>Die %n angezeigten Vorschläge mit geringem Risiko genehmigen. Eine Begründung für alle:</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Reject the %n low-stakes proposal(s) shown. One reason for all:</source>
        <translation>
            <numerusform>Den angezeigten Vorschlag mit geringem Risiko ablehnen. Eine Begründung:</numerusform>
            <numerusform>Die %n angezeigten Vorschläge mit geringem Risiko ablehnen. Eine Begründung für alle:</numerusform>
        </translation>
    </message>
    <message>
        <source>Refused for proposal #%1: %2</source>
        <translation>Abgelehnt für Vorschlag #%1: %2</translation>
    </message>
    <message>
        <source>The decision on proposal #%1 was not recorded: %2</source>
        <translation>Die Entscheidung zu Vorschlag #%1 wurde nicht festgehalten: %2</translation>
    </message>
    <message numerus="yes">
        <source>%n proposal(s) decided.</source>
        <translation>
            <numerusform>%n Vorschlag entschieden.</numerusform>
            <numerusform>%n Vorschläge entschieden.</numerusform>
        </translation>
    </message>
    <message>
        <source>Not decided: %1</source>
        <translation>Nicht entschieden: %1</translation>
    </message>
    <message>
        <source>Proposal #%1 applied: the playbook is now version %2.</source>
        <translation>Vorschlag #%1 übernommen: Das Playbook ist jetzt Version %2.</translation>
    </message>
    <message>
        <source>Published to %1.</source>
        <translation>Veröffentlicht nach %1.</translation>
    </message>
    <message>
        <source>Approval recorded for proposal #%1: %2 of %3 (%4). It stays pending until another reviewer approves.</source>
        <translation>Genehmigung für Vorschlag #%1 festgehalten: %2 von %3 (%4). Er bleibt offen, bis eine weitere Person genehmigt.</translation>
    </message>
    <message>
        <source>Proposal #%1 rejected.</source>
        <translation>Vorschlag #%1 abgelehnt.</translation>
    </message>
    <message>
        <source>Proposal #%1 needs a rebase: %2</source>
        <translation>Vorschlag #%1 braucht ein Rebase: %2</translation>
    </message>
    <message>
        <source>Review</source>
        <translation>Prüfung</translation>
    </message>
    <message>
        <source>Filter proposals (/)</source>
        <translation>Vorschläge filtern (/)</translation>
    </message>
    <message>
        <source>All stakes</source>
        <translation>Jedes Risiko</translation>
    </message>
    <message>
        <source>Low-stakes only</source>
        <translation>Nur geringes Risiko</translation>
    </message>
    <message>
        <source>High-stakes only</source>
        <translation>Nur hohes Risiko</translation>
    </message>
    <message>
        <source>Approve shown low-stakes…</source>
        <translation>Angezeigte mit geringem Risiko genehmigen…</translation>
    </message>
    <message>
        <source>Reject shown low-stakes…</source>
        <translation>Angezeigte mit geringem Risiko ablehnen…</translation>
    </message>
    <message>
        <source>Approve (A)</source>
        <translation>Genehmigen (A)</translation>
    </message>
    <message>
        <source>Reject… (R)</source>
        <translation>Ablehnen… (R)</translation>
    </message>
    <message>
        <source>Edit… (E)</source>
        <translation>Bearbeiten… (E)</translation>
    </message>
    <message>
        <source>Shortcuts (?)</source>
        <translation>Tastenkürzel (?)</translation>
    </message>
    <message>
        <source>Approve the selected proposal</source>
        <translation>Den gewählten Vorschlag genehmigen</translation>
    </message>
    <message>
        <source>Reject the selected proposal (asks for a reason)</source>
        <translation>Den gewählten Vorschlag ablehnen (fragt nach einer Begründung)</translation>
    </message>
    <message>
        <source>Edit the rule text, then approve</source>
        <translation>Den Regeltext bearbeiten, dann genehmigen</translation>
    </message>
    <message>
        <source>Next proposal</source>
        <translation>Nächster Vorschlag</translation>
    </message>
    <message>
        <source>Previous proposal</source>
        <translation>Vorheriger Vorschlag</translation>
    </message>
    <message>
        <source>Switch the diff between side by side and inline</source>
        <translation>Unterschiede nebeneinander oder im Text zeigen</translation>
    </message>
    <message>
        <source>Filter the proposals</source>
        <translation>Die Vorschläge filtern</translation>
    </message>
    <message>
        <source>Approve every low-stakes proposal shown, with one reason</source>
        <translation>Alle angezeigten Vorschläge mit geringem Risiko genehmigen, mit einer Begründung</translation>
    </message>
    <message>
        <source>Reject every low-stakes proposal shown, with one reason</source>
        <translation>Alle angezeigten Vorschläge mit geringem Risiko ablehnen, mit einer Begründung</translation>
    </message>
    <message>
        <source>Show this list of shortcuts</source>
        <translation>Diese Liste der Tastenkürzel zeigen</translation>
    </message>
    <message>
        <source>Could not read the review queue: %1</source>
        <translation>Die Prüfliste konnte nicht gelesen werden: %1</translation>
    </message>
    <message numerus="yes">
        <source>%n pending</source>
        <translation>
            <numerusform>%n offen</numerusform>
            <numerusform>%n offen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n pending shown</source>
        <translation>
            <numerusform>%1 von %n offenen angezeigt</numerusform>
            <numerusform>%1 von %n offenen angezeigt</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Approve the %n low-stakes proposal(s) the filter shows, with one reason (Ctrl+Shift+A)</source>
        <translation>
            <numerusform>Den vom Filter gezeigten Vorschlag mit geringem Risiko genehmigen, mit einer Begründung (Strg+Umschalt+A) – %n</numerusform>
            <numerusform>Die %n vom Filter gezeigten Vorschläge mit geringem Risiko genehmigen, mit einer Begründung (Strg+Umschalt+A)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Reject the %n low-stakes proposal(s) the filter shows, with one reason (Ctrl+Shift+R)</source>
        <translation>
            <numerusform>Den vom Filter gezeigten Vorschlag mit geringem Risiko ablehnen, mit einer Begründung (Strg+Umschalt+R) – %n</numerusform>
            <numerusform>Die %n vom Filter gezeigten Vorschläge mit geringem Risiko ablehnen, mit einer Begründung (Strg+Umschalt+R)</numerusform>
        </translation>
    </message>
    <message>
        <source>Enter</source>
        <translation>Eingabe</translation>
    </message>
    <message>
        <source>Open the selected evidence at its step (in the evidence list)</source>
        <translation>Den gewählten Beleg an seinem Schritt öffnen (in der Belegliste)</translation>
    </message>
    <message>
        <source>Review shortcuts</source>
        <translation>Tastenkürzel der Prüfung</translation>
    </message>
    <message>
        <source>The decision stands, but %1. Publishing is retried on the next decision or open, or with reverie publish.</source>
        <translation>Die Entscheidung gilt, aber %1. Das Veröffentlichen wird bei der nächsten Entscheidung oder beim nächsten Öffnen wiederholt, oder mit reverie publish.</translation>
    </message>
</context>
<context>
    <name>reverie::ui::RuleEditorDialog</name>
    <message>
        <source>Edit proposal #%1 before approving</source>
        <translation>Vorschlag #%1 vor dem Genehmigen bearbeiten</translation>
    </message>
    <message>
        <source>%1 · %2 — what you write here is what lands in the playbook; the proposed text is kept on the proposal.</source>
        <translation>%1 · %2 — was Sie hier schreiben, kommt ins Playbook; der vorgeschlagene Text bleibt am Vorschlag erhalten.</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>Rückgängig</translation>
    </message>
    <message>
        <source>Redo</source>
        <translation>Wiederholen</translation>
    </message>
    <message>
        <source>Compare with:</source>
        <translation>Vergleichen mit:</translation>
    </message>
    <message>
        <source>Current rule</source>
        <translation>Aktuelle Regel</translation>
    </message>
    <message>
        <source>Proposed text</source>
        <translation>Vorgeschlagener Text</translation>
    </message>
    <message>
        <source>Required for a high-stakes change</source>
        <translation>Pflicht bei einer Änderung mit hohem Risiko</translation>
    </message>
    <message>
        <source>Optional</source>
        <translation>Optional</translation>
    </message>
    <message>
        <source>Reason:</source>
        <translation>Begründung:</translation>
    </message>
    <message>
        <source>Approve edited rule</source>
        <translation>Bearbeitete Regel genehmigen</translation>
    </message>
    <message>
        <source>Ctrl+Enter</source>
        <translation>Strg+Eingabe</translation>
    </message>
    <message>
        <source>Your text</source>
        <translation>Ihr Text</translation>
    </message>
    <message>
        <source>(no rule yet: this adds one)</source>
        <translation>(noch keine Regel: dies fügt eine hinzu)</translation>
    </message>
    <message>
        <source>(empty)</source>
        <translation>(leer)</translation>
    </message>
    <message>
        <source>The rule text cannot be empty.</source>
        <translation>Der Regeltext darf nicht leer sein.</translation>
    </message>
    <message>
        <source>High-stakes: give a reason before approving.</source>
        <translation>Hohes Risiko: Geben Sie vor dem Genehmigen eine Begründung an.</translation>
    </message>
</context>
<context>
    <name>reverie::ui::SavedViewsBar</name>
    <message>
        <source>Save View…</source>
        <translation>Ansicht speichern…</translation>
    </message>
    <message>
        <source>Save the current filters and search as a named view (Ctrl+Shift+S)</source>
        <translation>Die aktuellen Filter und die Suche als benannte Ansicht speichern (Strg+Umschalt+S)</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Löschen</translation>
    </message>
    <message>
        <source>Delete the selected saved view</source>
        <translation>Die gewählte gespeicherte Ansicht löschen</translation>
    </message>
    <message>
        <source>Vie&amp;w:</source>
        <translation>A&amp;nsicht:</translation>
    </message>
    <message>
        <source>(current filters)</source>
        <translation>(aktuelle Filter)</translation>
    </message>
    <message>
        <source>Save View</source>
        <translation>Ansicht speichern</translation>
    </message>
    <message>
        <source>Name of the view:</source>
        <translation>Name der Ansicht:</translation>
    </message>
    <message>
        <source>Reading the saved views failed: %1</source>
        <translation>Das Lesen der gespeicherten Ansichten ist fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>Saving the view “%1” failed: %2</source>
        <translation>Das Speichern der Ansicht „%1“ ist fehlgeschlagen: %2</translation>
    </message>
    <message>
        <source>Reading the view “%1” failed: %2</source>
        <translation>Das Lesen der Ansicht „%1“ ist fehlgeschlagen: %2</translation>
    </message>
    <message>
        <source>The view “%1” is no longer in this workspace.</source>
        <translation>Die Ansicht „%1“ ist nicht mehr in diesem Arbeitsbereich.</translation>
    </message>
    <message>
        <source>Deleting the view “%1” failed: %2</source>
        <translation>Das Löschen der Ansicht „%1“ ist fehlgeschlagen: %2</translation>
    </message>
</context>
<context>
    <name>reverie::ui::SearchHitDelegate</name>
    <message>
        <source>%1 · step %2</source>
        <translation>%1 · Schritt %2</translation>
    </message>
</context>
<context>
    <name>reverie::ui::SearchHitModel</name>
    <message>
        <source>%1, step %2: %3</source>
        <translation>%1, Schritt %2: %3</translation>
    </message>
    <message>
        <source>Searching the steps failed: %1</source>
        <translation>Die Suche in den Schritten ist fehlgeschlagen: %1</translation>
    </message>
</context>
<context>
    <name>reverie::ui::ServerWorkspaceDialog</name>
    <message>
        <source>Open Server Workspace</source>
        <translation>Server-Arbeitsbereich öffnen</translation>
    </message>
    <message>
        <source>&amp;Opened before:</source>
        <translation>&amp;Zuvor geöffnet:</translation>
    </message>
    <message>
        <source>&amp;Forget</source>
        <translation>&amp;Vergessen</translation>
    </message>
    <message>
        <source>&amp;Address:</source>
        <translation>&amp;Adresse:</translation>
    </message>
    <message>
        <source>The password comes from PGPASSWORD or ~/.pgpass and is never stored by Reverie.</source>
        <translation>Das Passwort kommt aus PGPASSWORD oder ~/.pgpass und wird von Reverie nie gespeichert.</translation>
    </message>
</context>
<context>
    <name>reverie::ui::SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <source>You — saved on this computer, for you only</source>
        <translation>Sie — auf diesem Computer gespeichert, nur für Sie</translation>
    </message>
    <message>
        <source>Kept in your user settings (QSettings), not in the workspace: another person opening the same workspace has their own.</source>
        <translation>In Ihren Benutzereinstellungen (QSettings) gespeichert, nicht im Arbeitsbereich: Wer denselben Arbeitsbereich öffnet, hat eigene.</translation>
    </message>
    <message>
        <source>Recorded with every decision you take</source>
        <translation>Wird mit jeder Ihrer Entscheidungen festgehalten</translation>
    </message>
    <message>
        <source>Reviewer name:</source>
        <translation>Name des Prüfers:</translation>
    </message>
    <message>
        <source>Anthropic (Messages API)</source>
        <translation>Anthropic (Messages-API)</translation>
    </message>
    <message>
        <source>OpenAI-compatible (OpenAI, Ollama, llama.cpp, vLLM)</source>
        <translation>OpenAI-kompatibel (OpenAI, Ollama, llama.cpp, vLLM)</translation>
    </message>
    <message>
        <source>LLM provider:</source>
        <translation>LLM-Anbieter:</translation>
    </message>
    <message>
        <source>Base URL:</source>
        <translation>Basis-URL:</translation>
    </message>
    <message>
        <source>Model:</source>
        <translation>Modell:</translation>
    </message>
    <message>
        <source>API key variable:</source>
        <translation>Variable für den API-Schlüssel:</translation>
    </message>
    <message>
        <source>The name of the environment variable that holds the API key. Reverie reads the key from it when it calls the model; the key itself is never saved.</source>
        <translation>Der Name der Umgebungsvariablen, die den API-Schlüssel enthält. Reverie liest den Schlüssel daraus, wenn es das Modell aufruft; der Schlüssel selbst wird nie gespeichert.</translation>
    </message>
    <message>
        <source>This workspace&apos;s policy — saved in the workspace file, shared by everyone who opens it</source>
        <translation>Richtlinie dieses Arbeitsbereichs — in der Arbeitsbereichsdatei gespeichert, gilt für alle, die ihn öffnen</translation>
    </message>
    <message>
        <source>Workspace: %1</source>
        <translation>Arbeitsbereich: %1</translation>
    </message>
    <message>
        <source>Open a workspace to edit its policy.</source>
        <translation>Öffnen Sie einen Arbeitsbereich, um seine Richtlinie zu bearbeiten.</translation>
    </message>
    <message>
        <source>One workflow per line</source>
        <translation>Ein Workflow pro Zeile</translation>
    </message>
    <message>
        <source>High-stakes workflows:</source>
        <translation>Workflows mit hohem Risiko:</translation>
    </message>
    <message>
        <source>One tool per line</source>
        <translation>Ein Werkzeug pro Zeile</translation>
    </message>
    <message>
        <source>High-stakes tools:</source>
        <translation>Werkzeuge mit hohem Risiko:</translation>
    </message>
    <message>
        <source>Approvals needed (high-stakes):</source>
        <translation>Nötige Genehmigungen (hohes Risiko):</translation>
    </message>
    <message>
        <source>/path/to/AGENTS.md or playbook.json</source>
        <translation>/pfad/zu/AGENTS.md oder playbook.json</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>Hinzufügen</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <source>Publish targets:</source>
        <translation>Veröffentlichungsziele:</translation>
    </message>
    <message>
        <source>Apply low-stakes proposals without review</source>
        <translation>Vorschläge mit geringem Risiko ohne Prüfung übernehmen</translation>
    </message>
    <message>
        <source>Auto-apply:</source>
        <translation>Automatisch übernehmen:</translation>
    </message>
    <message>
        <source>Could not read the workspace policy: %1</source>
        <translation>Die Richtlinie des Arbeitsbereichs konnte nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>Default: %1</source>
        <translation>Standard: %1</translation>
    </message>
    <message>
        <source>The workspace policy was not saved: %1</source>
        <translation>Die Richtlinie des Arbeitsbereichs wurde nicht gespeichert: %1</translation>
    </message>
    <message>
        <source>Enter your reviewer name: every policy change is recorded with who made it.</source>
        <translation>Geben Sie Ihren Prüfernamen ein: Jede Richtlinienänderung wird mit ihrem Urheber festgehalten.</translation>
    </message>
    <message numerus="yes">
        <source>Not changed yet: loosening the policy needs %n approval(s) from other reviewers; request #%1 waits in the review queue.</source>
        <translation>
            <numerusform>Noch nicht geändert: Die Richtlinie zu lockern braucht %n Freigabe anderer Prüfer; Antrag #%1 wartet in der Prüfwarteschlange.</numerusform>
            <numerusform>Noch nicht geändert: Die Richtlinie zu lockern braucht %n Freigaben anderer Prüfer; Antrag #%1 wartet in der Prüfwarteschlange.</numerusform>
        </translation>
    </message>
    <message>
        <source>Recorded with the change; required to loosen the policy</source>
        <translation>Wird mit der Änderung festgehalten; nötig, um die Richtlinie zu lockern</translation>
    </message>
    <message>
        <source>Reason for a change:</source>
        <translation>Begründung einer Änderung:</translation>
    </message>
    <message>
        <source>Optional: the path of your SSH private key, e.g. ~/.ssh/id_ed25519</source>
        <translation>Optional: der Pfad Ihres privaten SSH-Schlüssels, z. B. ~/.ssh/id_ed25519</translation>
    </message>
    <message>
        <source>Signing key:</source>
        <translation>Signaturschlüssel:</translation>
    </message>
    <message>
        <source>Decisions you take are signed with this key (ssh-keygen -Y sign), so that a rewritten decision is caught by verify. Only the path is saved.</source>
        <translation>Ihre Entscheidungen werden mit diesem Schlüssel signiert (ssh-keygen -Y sign), damit verify eine umgeschriebene Entscheidung erkennt. Gespeichert wird nur der Pfad.</translation>
    </message>
    <message>
        <source>After every approval, revert and rollback the approved playbook is written to each file: JSON for .json; Markdown files (CLAUDE.md, AGENTS.md, GEMINI.md, .github/copilot-instructions.md, .cursor/rules/*.mdc) get a marked block and keep everything else people wrote in them.</source>
        <translation>Nach jeder Freigabe, Rücknahme und Zurücksetzung wird das freigegebene Playbook in jede Datei geschrieben: JSON für .json; Markdown-Dateien (CLAUDE.md, AGENTS.md, GEMINI.md, .github/copilot-instructions.md, .cursor/rules/*.mdc) erhalten einen markierten Block und behalten alles andere, was Menschen darin geschrieben haben.</translation>
    </message>
    <message>
        <source>Add folder…</source>
        <translation>Ordner hinzufügen…</translation>
    </message>
    <message>
        <source>Add Claude Code sessions</source>
        <translation>Claude-Code-Sitzungen hinzufügen</translation>
    </message>
    <message>
        <source>Add Codex CLI sessions</source>
        <translation>Codex-CLI-Sitzungen hinzufügen</translation>
    </message>
    <message>
        <source>Add Gemini CLI sessions</source>
        <translation>Gemini-CLI-Sitzungen hinzufügen</translation>
    </message>
    <message>
        <source>Watched folders:</source>
        <translation>Beobachtete Ordner:</translation>
    </message>
    <message>
        <source>While Reverie runs, new and grown session files in these folders are imported in the background; other files are skipped.</source>
        <translation>Solange Reverie läuft, werden neue und gewachsene Sitzungsdateien in diesen Ordnern im Hintergrund importiert; andere Dateien werden übergangen.</translation>
    </message>
    <message>
        <source>Watch a folder</source>
        <translation>Einen Ordner beobachten</translation>
    </message>
    <message>
        <source>strong evidence only</source>
        <translation>nur starke Belege</translation>
    </message>
    <message>
        <source>moderate evidence or stronger</source>
        <translation>mittlere Belege oder stärker</translation>
    </message>
    <message>
        <source>any evidence, even weak</source>
        <translation>alle Belege, auch schwache</translation>
    </message>
    <message>
        <source>Auto-apply needs:</source>
        <translation>Automatisch anwenden braucht:</translation>
    </message>
    <message>
        <source>High-stakes proposals always wait for named reviewers, and so do proposals whose evidence is weaker than this. Accepting weaker evidence while auto-apply is on loosens the policy.</source>
        <translation>Vorschläge mit hohem Risiko warten immer auf namentlich genannte Prüfer, ebenso Vorschläge mit schwächeren Belegen als diesen. Schwächere Belege zuzulassen, während automatisches Anwenden an ist, lockert die Richtlinie.</translation>
    </message>
    <message>
        <source>%1: not published yet</source>
        <translation>%1: noch nicht veröffentlicht</translation>
    </message>
    <message>
        <source>%1: version %2 written %3</source>
        <translation>%1: Version %2 geschrieben %3</translation>
    </message>
    <message>
        <source>%1: publishing version %2 failed %3: %4</source>
        <translation>%1: Veröffentlichen von Version %2 fehlgeschlagen %3: %4</translation>
    </message>
</context>
<context>
    <name>reverie::ui::StepDetailPane</name>
    <message>
        <source>&amp;Text</source>
        <translation>&amp;Text</translation>
    </message>
    <message>
        <source>&amp;Record (JSON)</source>
        <translation>&amp;Datensatz (JSON)</translation>
    </message>
    <message>
        <source>Click a step, or use the arrow keys, to read it here.</source>
        <translation>Klicken Sie auf einen Schritt oder nutzen Sie die Pfeiltasten, um ihn hier zu lesen.</translation>
    </message>
    <message>
        <source>Step #%1</source>
        <translation>Schritt #%1</translation>
    </message>
    <message>
        <source>took %1 ms</source>
        <translation>dauerte %1 ms</translation>
    </message>
    <message>
        <source>ERROR</source>
        <translation>FEHLER</translation>
    </message>
    <message>
        <source>cited as evidence</source>
        <translation>als Beleg zitiert</translation>
    </message>
</context>
<context>
    <name>reverie::ui::TaskListModel</name>
    <message>
        <source>%1 (cancelling…)</source>
        <translation>%1 (wird abgebrochen…)</translation>
    </message>
</context>
<context>
    <name>reverie::ui::TaskStatusArea</name>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Cancel: %1</source>
        <translation>Abbrechen: %1</translation>
    </message>
</context>
<context>
    <name>reverie::ui::TextUndo</name>
    <message>
        <source>Edit rule text</source>
        <translation>Regeltext bearbeiten</translation>
    </message>
</context>
<context>
    <name>reverie::ui::TimelinePanel</name>
    <message>
        <source>success</source>
        <translation>Erfolg</translation>
    </message>
    <message>
        <source>failure</source>
        <translation>Fehlschlag</translation>
    </message>
    <message>
        <source>no verdict</source>
        <translation>keine Bewertung</translation>
    </message>
    <message>
        <source>◀ Error</source>
        <translation>◀ Fehler</translation>
    </message>
    <message>
        <source>Previous error (Shift+E)</source>
        <translation>Vorheriger Fehler (Umschalt+E)</translation>
    </message>
    <message>
        <source>Error ▶</source>
        <translation>Fehler ▶</translation>
    </message>
    <message>
        <source>Next error (E)</source>
        <translation>Nächster Fehler (E)</translation>
    </message>
    <message>
        <source>Evidence ▶</source>
        <translation>Beleg ▶</translation>
    </message>
    <message>
        <source>Next step cited as dream evidence (J)</source>
        <translation>Nächster als Traumbeleg zitierter Schritt (J)</translation>
    </message>
    <message>
        <source>−</source>
        <translation>−</translation>
    </message>
    <message>
        <source>Zoom out (-)</source>
        <translation>Verkleinern (-)</translation>
    </message>
    <message>
        <source>+</source>
        <translation>+</translation>
    </message>
    <message>
        <source>Zoom in (+, Ctrl+wheel)</source>
        <translation>Vergrößern (+, Strg+Mausrad)</translation>
    </message>
    <message>
        <source>Fit</source>
        <translation>Einpassen</translation>
    </message>
    <message>
        <source>Show the whole run (F or 0)</source>
        <translation>Den ganzen Lauf zeigen (F oder 0)</translation>
    </message>
    <message>
        <source>Cannot load this trajectory: %1</source>
        <translation>Diese Trajektorie kann nicht geladen werden: %1</translation>
    </message>
    <message>
        <source>No trajectory open</source>
        <translation>Keine Trajektorie geöffnet</translation>
    </message>
    <message>
        <source>Trajectory %1 is not in this workspace</source>
        <translation>Trajektorie %1 ist nicht in diesem Arbeitsbereich</translation>
    </message>
    <message numerus="yes">
        <source>%n step(s)</source>
        <translation>
            <numerusform>%n Schritt</numerusform>
            <numerusform>%n Schritte</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n error(s)</source>
        <translation>
            <numerusform>%n Fehler</numerusform>
            <numerusform>%n Fehler</numerusform>
        </translation>
    </message>
    <message>
        <source>#%1</source>
        <translation>#%1</translation>
    </message>
    <message>
        <source>error</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <source>evidence</source>
        <translation>Beleg</translation>
    </message>
    <message>
        <source>←/→ or N/P step · E/Shift+E error · J evidence · +/− zoom · F fit · Shift+←/→ or drag to pan · Enter read the step · Esc back</source>
        <translation>←/→ oder N/P Schritt · E/Umschalt+E Fehler · J Beleg · +/− Zoom · F einpassen · Umschalt+←/→ oder Ziehen zum Verschieben · Eingabe Schritt lesen · Esc zurück</translation>
    </message>
    <message>
        <source>Playbook unknown</source>
        <translation>Playbook unbekannt</translation>
    </message>
    <message>
        <source>Playbook version %1 (recorded with the run or named at import)</source>
        <translation>Playbook-Version %1 (mit dem Lauf aufgezeichnet oder beim Import angegeben)</translation>
    </message>
    <message>
        <source>Playbook version %1 (from the published block found in its instructions)</source>
        <translation>Playbook-Version %1 (aus dem veröffentlichten Block in seinen Anweisungen)</translation>
    </message>
    <message>
        <source>Playbook version %1 (published to its folder when it started)</source>
        <translation>Playbook-Version %1 (in seinem Ordner veröffentlicht, als er begann)</translation>
    </message>
    <message>
        <source>Playbook version %1</source>
        <translation>Playbook-Version %1</translation>
    </message>
    <message>
        <source>Worked in %1</source>
        <translation>Arbeitete in %1</translation>
    </message>
    <message>
        <source>Loading the timeline failed: %1</source>
        <translation>Das Laden der Zeitleiste ist fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>Reading trajectory %1 failed: %2</source>
        <translation>Das Lesen von Trajektorie %1 ist fehlgeschlagen: %2</translation>
    </message>
    <message>
        <source>Reading the step failed: %1</source>
        <translation>Das Lesen des Schritts ist fehlgeschlagen: %1</translation>
    </message>
</context>
<context>
    <name>reverie::ui::TimelineView</name>
    <message>
        <source>Timeline</source>
        <translation>Zeitleiste</translation>
    </message>
    <message>
        <source>This trajectory has no steps.</source>
        <translation>Diese Trajektorie hat keine Schritte.</translation>
    </message>
    <message>
        <source>Open a trajectory to see its timeline.</source>
        <translation>Öffnen Sie eine Trajektorie, um ihre Zeitleiste zu sehen.</translation>
    </message>
</context>
<context>
    <name>reverie::ui::TrajectoriesPage</name>
    <message>
        <source>Timeline</source>
        <translation>Zeitleiste</translation>
    </message>
    <message>
        <source>Compare</source>
        <translation>Vergleichen</translation>
    </message>
    <message>
        <source>Trajectories</source>
        <translation>Trajektorien</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>Suche</translation>
    </message>
    <message>
        <source>Trajectory List</source>
        <translation>Trajektorienliste</translation>
    </message>
    <message>
        <source>Ctrl+L</source>
        <translation>Ctrl+L</translation>
    </message>
    <message>
        <source>Ctrl+T</source>
        <translation>Ctrl+T</translation>
    </message>
    <message>
        <source>Ctrl+Shift+C</source>
        <translation>Ctrl+Shift+C</translation>
    </message>
    <message>
        <source>Save View</source>
        <translation>Ansicht speichern</translation>
    </message>
    <message>
        <source>Ctrl+Shift+S</source>
        <translation>Ctrl+Shift+S</translation>
    </message>
    <message numerus="yes">
        <source>%n trajectories</source>
        <translation>
            <numerusform>%n Trajektorie</numerusform>
            <numerusform>%n Trajektorien</numerusform>
        </translation>
    </message>
    <message>
        <source>Select a run to compare first.</source>
        <translation>Wählen Sie zuerst einen Lauf zum Vergleichen.</translation>
    </message>
    <message>
        <source>Transcript</source>
        <translation>Gesprächsprotokoll</translation>
    </message>
    <message>
        <source>Reading the workflows and models failed: %1</source>
        <translation>Das Lesen der Workflows und Modelle ist fehlgeschlagen: %1</translation>
    </message>
</context>
<context>
    <name>reverie::ui::TrajectoryFilterBar</name>
    <message>
        <source>any</source>
        <translation>beliebig</translation>
    </message>
    <message>
        <source>Search the text of every step (Ctrl+F)</source>
        <translation>Den Text aller Schritte durchsuchen (Strg+F)</translation>
    </message>
    <message>
        <source>All verdicts</source>
        <translation>Alle Bewertungen</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <source>Succeeded</source>
        <translation>Erfolgreich</translation>
    </message>
    <message>
        <source>No verdict</source>
        <translation>Keine Bewertung</translation>
    </message>
    <message>
        <source>All workflows</source>
        <translation>Alle Workflows</translation>
    </message>
    <message>
        <source>All models</source>
        <translation>Alle Modelle</translation>
    </message>
    <message>
        <source>Has &amp;errors</source>
        <translation>Hat &amp;Fehler</translation>
    </message>
    <message>
        <source>&amp;Verdict:</source>
        <translation>&amp;Bewertung:</translation>
    </message>
    <message>
        <source>&amp;Workflow:</source>
        <translation>&amp;Workflow:</translation>
    </message>
    <message>
        <source>&amp;Model:</source>
        <translation>&amp;Modell:</translation>
    </message>
    <message>
        <source>Fr&amp;om:</source>
        <translation>&amp;Von:</translation>
    </message>
    <message>
        <source>T&amp;o:</source>
        <translation>&amp;Bis:</translation>
    </message>
</context>
<context>
    <name>reverie::ui::TrajectoryListModel</name>
    <message>
        <source>success</source>
        <translation>Erfolg</translation>
    </message>
    <message>
        <source>failure</source>
        <translation>Fehlschlag</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>unbekannt</translation>
    </message>
    <message>
        <source>Trajectory</source>
        <translation>Trajektorie</translation>
    </message>
    <message>
        <source>Workflow</source>
        <translation>Workflow</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modell</translation>
    </message>
    <message>
        <source>Verdict</source>
        <translation>Bewertung</translation>
    </message>
    <message>
        <source>Steps</source>
        <translation>Schritte</translation>
    </message>
    <message>
        <source>Errors</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>Gestartet</translation>
    </message>
    <message>
        <source>Playbook</source>
        <translation>Playbook</translation>
    </message>
    <message>
        <source>Reading the trajectory list failed: %1</source>
        <translation>Das Lesen der Trajektorienliste ist fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>Reading more trajectories failed: %1</source>
        <translation>Das Lesen weiterer Trajektorien ist fehlgeschlagen: %1</translation>
    </message>
</context>
<context>
    <name>reverie::ui::TranscriptDelegate</name>
    <message>
        <source>show less (the step pane has all of it)</source>
        <translation>weniger zeigen (der Schrittbereich zeigt alles)</translation>
    </message>
    <message>
        <source>show less</source>
        <translation>weniger zeigen</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <source>#%1</source>
        <translation>#%1</translation>
    </message>
    <message>
        <source>error</source>
        <translation>Fehler</translation>
    </message>
    <message numerus="yes">
        <source>folded, %n character(s)</source>
        <translation>
            <numerusform>eingeklappt, %n Zeichen</numerusform>
            <numerusform>eingeklappt, %n Zeichen</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>reverie::ui::TranscriptModel</name>
    <message>
        <source>#%1 %2: %3</source>
        <translation>#%1 %2: %3</translation>
    </message>
</context>
<context>
    <name>reverie::ui::TranscriptPanel</name>
    <message>
        <source>↑/↓ move · Enter fold or unfold the result · Space show all · Ctrl+C copy as Markdown (right-click for the whole run)</source>
        <translation>↑/↓ bewegen · Eingabe klappt das Ergebnis ein oder aus · Leertaste zeigt alles · Strg+C kopiert als Markdown (Rechtsklick für den ganzen Lauf)</translation>
    </message>
</context>
<context>
    <name>reverie::ui::TranscriptView</name>
    <message>
        <source>Copy as Markdown</source>
        <translation>Als Markdown kopieren</translation>
    </message>
    <message>
        <source>Reading the transcript failed: %1</source>
        <translation>Das Lesen des Gesprächsprotokolls ist fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>Copying the transcript failed: %1</source>
        <translation>Das Kopieren des Gesprächsprotokolls ist fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>Copy Whole Run as Markdown</source>
        <translation>Ganzen Lauf als Markdown kopieren</translation>
    </message>
    <message>
        <source>Unfold Result</source>
        <translation>Ergebnis ausklappen</translation>
    </message>
    <message>
        <source>Fold Result</source>
        <translation>Ergebnis einklappen</translation>
    </message>
    <message>
        <source>Show Less</source>
        <translation>Weniger zeigen</translation>
    </message>
    <message>
        <source>Show All</source>
        <translation>Alles zeigen</translation>
    </message>
</context>
<context>
    <name>reverie::ui::VersionDiffView</name>
    <message>
        <source>workflows: %1</source>
        <translation>Workflows: %1</translation>
    </message>
    <message>
        <source>tools: %1</source>
        <translation>Werkzeuge: %1</translation>
    </message>
    <message>
        <source>everywhere</source>
        <translation>überall</translation>
    </message>
    <message>
        <source>high stakes</source>
        <translation>hohes Risiko</translation>
    </message>
    <message>
        <source>Show unchanged rules</source>
        <translation>Unveränderte Regeln zeigen</translation>
    </message>
    <message>
        <source>From version</source>
        <translation>Von Version</translation>
    </message>
    <message>
        <source>to version</source>
        <translation>bis Version</translation>
    </message>
    <message>
        <source>0 (empty playbook)</source>
        <translation>0 (leeres Playbook)</translation>
    </message>
    <message>
        <source>%1 added</source>
        <translation>%1 hinzugefügt</translation>
    </message>
    <message>
        <source>%1 removed</source>
        <translation>%1 entfernt</translation>
    </message>
    <message>
        <source>%1 changed</source>
        <translation>%1 geändert</translation>
    </message>
    <message>
        <source>%1 unchanged</source>
        <translation>%1 unverändert</translation>
    </message>
    <message>
        <source>scope changed</source>
        <translation>Geltungsbereich geändert</translation>
    </message>
    <message>
        <source>stakes changed</source>
        <translation>Risiko geändert</translation>
    </message>
    <message>
        <source>%1 (was: %2)</source>
        <translation>%1 (vorher: %2)</translation>
    </message>
    <message>
        <source>No rule differs between these two versions.</source>
        <translation>Keine Regel unterscheidet sich zwischen diesen beiden Versionen.</translation>
    </message>
    <message>
        <source>Version %1 → %2: %3 added, %4 removed, %5 changed, %6 unchanged</source>
        <translation>Version %1 → %2: %3 hinzugefügt, %4 entfernt, %5 geändert, %6 unverändert</translation>
    </message>
    <message>
        <source>models: %1</source>
        <translation>Modelle: %1</translation>
    </message>
</context>
<context>
    <name>reverie::ui::VersionListModel</name>
    <message>
        <source>imported</source>
        <translation>importiert</translation>
    </message>
    <message>
        <source>approved proposal #%1</source>
        <translation>Vorschlag #%1 genehmigt</translation>
    </message>
    <message>
        <source>edited and approved proposal #%1</source>
        <translation>Vorschlag #%1 bearbeitet und genehmigt</translation>
    </message>
    <message>
        <source>rollback</source>
        <translation>Zurücksetzen</translation>
    </message>
    <message>
        <source>reverted proposal #%1</source>
        <translation>Vorschlag #%1 zurückgenommen</translation>
    </message>
    <message>
        <source>manual edit</source>
        <translation>manuelle Änderung</translation>
    </message>
    <message>
        <source>%1 (current)</source>
        <translation>%1 (aktuell)</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>Version</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>Änderung</translation>
    </message>
    <message>
        <source>Author</source>
        <translation>Autor</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Begründung</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <source>Rules</source>
        <translation>Regeln</translation>
    </message>
    <message>
        <source>regressed · %1</source>
        <translation>verschlechtert · %1</translation>
    </message>
    <message>
        <source>Success of the runs judged under this version, with its 95% interval</source>
        <translation>Erfolg der unter dieser Version beurteilten Läufe, mit 95-%-Intervall</translation>
    </message>
    <message>
        <source>Success</source>
        <translation>Erfolg</translation>
    </message>
</context>
<context>
    <name>reverie::ui::WatchController</name>
    <message numerus="yes">
        <source>A dream pass on the runs that just arrived proposed %n rule change(s) to review.</source>
        <translation>
            <numerusform>Ein Traumdurchlauf über die eben eingetroffenen Läufe schlug %n Regeländerung zur Prüfung vor.</numerusform>
            <numerusform>Ein Traumdurchlauf über die eben eingetroffenen Läufe schlug %n Regeländerungen zur Prüfung vor.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Watching %n folder(s) for new runs</source>
        <translation>
            <numerusform>Beobachte %n Ordner auf neue Läufe</numerusform>
            <numerusform>Beobachte %n Ordner auf neue Läufe</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1: imported %n file(s) from watched folders</source>
        <translation>
            <numerusform>%1: %n Datei aus beobachteten Ordnern importiert</numerusform>
            <numerusform>%1: %n Dateien aus beobachteten Ordnern importiert</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n run(s)</source>
        <translation>
            <numerusform>%n Lauf</numerusform>
            <numerusform>%n Läufe</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n failed (retried when they change)</source>
        <translation>
            <numerusform>%n fehlgeschlagen (erneut versucht, sobald sie sich ändern)</numerusform>
            <numerusform>%n fehlgeschlagen (erneut versucht, sobald sie sich ändern)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>reverie::ui::WorkspaceOpener</name>
    <message>
        <source>Opening %1…</source>
        <translation>%1 wird geöffnet…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Opening workspace</source>
        <translation>Arbeitsbereich wird geöffnet</translation>
    </message>
    <message>
        <source>Upgrading %1 to this version of Reverie…</source>
        <translation>%1 wird auf diese Version von Reverie aktualisiert…</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>Wird abgebrochen…</translation>
    </message>
</context>
</TS>
