#include "core/ingest/formats/ReactLogImporter.h"

#include "core/ingest/JsonSupport.h"

#include <QFileInfo>
#include <QRegularExpression>
#include <QStringDecoder>

#include <optional>

namespace reverie::ingest {

using json::Json;

namespace {

// Reflexion writes "------------- BEGIN CORRECT AGENTS -------------" (the dash counts vary).
const QRegularExpression &sectionHeader()
{
    static const QRegularExpression re(
        QStringLiteral("^-{3,}\\s*BEGIN\\s+(CORRECT|INCORRECT|HALTED|RUNTIME ERROR)\\s+AGENTS\\s*-{3,}\\s*$"));
    return re;
}

const QRegularExpression &trialHeader()
{
    static const QRegularExpression re(QStringLiteral("^BEGIN TRIAL (\\d+)\\s*$"));
    return re;
}

const QRegularExpression &numberedLine()
{
    static const QRegularExpression re(QStringLiteral("^(Thought|Action|Observation) (\\d+):\\s?(.*)$"));
    return re;
}

// One run being read: its steps, the number and kind of its last numbered line.
struct Run {
    Trajectory t;
    qint64 questionLine = 0;
    int lastNumber = 0;
    QString lastKind;                 // "Thought", "Action", "Observation" or empty after the Question
    QHash<int, QString> toolByStep;   // Action N's tool, for Observation N
    QString answer;                   // the argument of Finish[...]
    QString correctAnswer;
};

class Reader {
public:
    Reader(const QString &path, TrajectorySink &sink)
        : m_path(path), m_base(QFileInfo(path).completeBaseName()), m_sink(sink) {}

    void line(const QString &text, qint64 n);
    void finish()
    {
        flush();
        if (!m_prelude.isEmpty())
            throw ImportError::atLine(m_path, m_preludeLine,
                                      QStringLiteral("text after the last run that belongs to no \"Question:\""));
    }

private:
    ImportError fail(qint64 n, const QString &what) const { return ImportError::atLine(m_path, n, what); }
    void startRun(const QString &question, const QString &text, qint64 n);
    void numbered(const QRegularExpressionMatch &m, const QString &text, qint64 n);
    void flush();

    QString m_path, m_base;
    TrajectorySink &m_sink;
    QString m_section;        // CORRECT, INCORRECT, HALTED, RUNTIME ERROR; empty before the first
    int m_trial = 0;
    QString m_trialSummary;
    std::optional<Run> m_run;
    QStringList m_prelude;    // instruction text printed before a run's Question
    qint64 m_preludeLine = 0;
    int m_blank = 0;          // blank lines not yet known to be inside a step or between runs
    int m_ordinal = 0;
};

void Reader::line(const QString &text, qint64 n)
{
    if (text.trimmed().isEmpty()) {
        ++m_blank;
        return;
    }
    const int blank = m_blank;
    m_blank = 0;
    if (const auto m = sectionHeader().match(text); m.hasMatch()) {
        flush();
        if (!m_prelude.isEmpty())
            throw fail(m_preludeLine, QStringLiteral("text before this section header belongs to no \"Question:\""));
        m_section = m.captured(1);
        return;
    }
    if (const auto m = trialHeader().match(text); m.hasMatch()) {
        flush();
        m_trial = m.captured(1).toInt();
        m_section.clear();
        return;
    }
    if (text.startsWith(QLatin1String("Trial summary:")) || (text.size() >= 3 && text.count(QLatin1Char('#')) == text.size())) {
        flush();   // the trial header's summary line and its rulers
        if (text.startsWith(QLatin1String("Trial summary:")))
            m_trialSummary = text.mid(14).trimmed();
        return;
    }
    if (text.startsWith(QLatin1String("Question:"))) {
        if (m_section.isEmpty())
            throw fail(n, QStringLiteral("\"Question:\" outside a BEGIN CORRECT / INCORRECT / HALTED AGENTS section, so "
                                         "its verdict is unknown"));
        flush();
        startRun(text.mid(9).trimmed(), text, n);
        return;
    }
    if (const auto m = numberedLine().match(text); m.hasMatch()) {
        numbered(m, text, n);
        return;
    }
    if (m_run && text.startsWith(QLatin1String("Correct answer:"))) {
        m_run->correctAnswer = text.mid(15).trimmed();
        Step s;
        s.kind = StepKind::Outcome;
        s.text = text.trimmed();
        s.raw = text.toUtf8();
        m_run->t.steps.push_back(std::move(s));
        flush();   // the reflexion logger ends every run with this line
        return;
    }
    if (m_section.isEmpty())
        throw fail(n, QStringLiteral("expected a \"BEGIN TRIAL\" or \"BEGIN ... AGENTS\" header before any text"));
    if (!m_run) {
        if (m_prelude.isEmpty())
            m_preludeLine = n;
        m_prelude << text;   // remove_fewshot() keeps the instructions before each Question
        return;
    }
    // A continuation: Wikipedia observations span several lines; blank lines inside are kept.
    Step &last = m_run->t.steps.back();
    const QString gap = QString(blank + 1, QLatin1Char('\n'));
    last.text += gap + text;
    last.raw += gap.toUtf8() + text.toUtf8();
}

void Reader::startRun(const QString &question, const QString &text, qint64 n)
{
    m_run.emplace();
    m_run->questionLine = n;
    if (!m_prelude.isEmpty()) {
        Step s;
        s.kind = StepKind::Message;
        s.role = QStringLiteral("system");
        s.text = m_prelude.join(QLatin1Char('\n'));
        s.raw = s.text.toUtf8();
        m_run->t.steps.push_back(std::move(s));
        m_prelude.clear();
    }
    Step s;
    s.kind = StepKind::Task;
    s.role = QStringLiteral("user");
    s.text = question;
    s.raw = text.toUtf8();
    m_run->t.steps.push_back(std::move(s));
    m_run->t.info.task = question;
}

void Reader::numbered(const QRegularExpressionMatch &m, const QString &text, qint64 n)
{
    const QString kind = m.captured(1);
    const int number = m.captured(2).toInt();
    if (!m_run)
        throw fail(n, QStringLiteral("\"%1 %2:\" before any \"Question:\"").arg(kind).arg(number));
    Run &run = *m_run;
    // Thought N, Action N, Observation N, then N+1; act-only agents skip the thought.
    const bool fresh = run.lastKind.isEmpty() || run.lastKind == QLatin1String("Observation");
    const int next = run.lastKind.isEmpty() ? 1 : run.lastNumber + 1;
    bool ok = false;
    if (kind == QLatin1String("Thought"))
        ok = fresh && number == next;
    else if (kind == QLatin1String("Action"))
        ok = (fresh && number == next) || (run.lastKind == QLatin1String("Thought") && number == run.lastNumber);
    else
        ok = run.lastKind == QLatin1String("Action") && number == run.lastNumber;
    if (!ok) {
        const QString after = run.lastKind.isEmpty() ? QStringLiteral("the Question")
                                                     : QStringLiteral("%1 %2").arg(run.lastKind).arg(run.lastNumber);
        throw fail(n, QStringLiteral("\"%1 %2:\" cannot follow %3").arg(kind).arg(number).arg(after));
    }
    run.lastKind = kind;
    run.lastNumber = number;

    Step s;
    s.text = m.captured(3).trimmed();
    s.raw = text.toUtf8();
    s.callId = QString::number(number);   // pairs Action N with Observation N
    if (kind == QLatin1String("Thought")) {
        s.kind = StepKind::Plan;
        s.callId.clear();
    } else if (kind == QLatin1String("Action")) {
        static const QRegularExpression call(QStringLiteral("^(\\w+)\\s*\\[(.*)\\]\\s*$"),
                                             QRegularExpression::DotMatchesEverythingOption);
        const auto c = call.match(s.text);
        s.kind = StepKind::ToolCall;
        s.tool = c.hasMatch() ? c.captured(1) : s.text.section(QLatin1Char(' '), 0, 0);
        run.toolByStep.insert(number, s.tool);
        if (c.hasMatch() && s.tool == QLatin1String("Finish"))
            run.answer = c.captured(2);
    } else {
        s.kind = StepKind::Observation;
        s.tool = run.toolByStep.value(number);
        // The environment's own complaint about a malformed action is the one clear tool error.
        s.isError = s.text.startsWith(QLatin1String("Invalid Action"));
    }
    run.t.steps.push_back(std::move(s));
}

void Reader::flush()
{
    if (!m_run)
        return;
    Run run = std::move(*m_run);
    m_run.reset();
    TrajectoryInfo &info = run.t.info;
    info.externalId = QStringLiteral("%1#%2").arg(m_base).arg(++m_ordinal);
    info.agent = QStringLiteral("react");
    bool wiki = false;
    for (const QString &tool : std::as_const(run.toolByStep))
        wiki = wiki || tool == QLatin1String("Search") || tool == QLatin1String("Lookup");
    info.workflow = wiki ? QStringLiteral("hotpotqa") : QStringLiteral("react");
    info.verdict = m_section == QLatin1String("CORRECT") ? Verdict::Success : Verdict::Failure;
    info.outcome = m_section == QLatin1String("RUNTIME ERROR") ? QStringLiteral("error") : m_section.toLower();
    Json extra = {{"section", m_section.toStdString()}, {"question_line", run.questionLine}};
    if (m_trial > 0)
        extra["trial"] = m_trial;
    if (!m_trialSummary.isEmpty())
        extra["trial_summary"] = m_trialSummary.toStdString();
    if (!run.answer.isNull())
        extra["answer"] = run.answer.toStdString();
    if (!run.correctAnswer.isEmpty())
        extra["correct_answer"] = run.correctAnswer.toStdString();
    info.extra = json::dump(extra);
    m_sink.write(run.t);
}

} // namespace

QString ReactLogImporter::description() const
{
    return QStringLiteral("Reflexion/ReAct text log: runs under BEGIN CORRECT / INCORRECT / HALTED AGENTS, with "
                          "numbered Thought / Action / Observation lines");
}

int ReactLogImporter::sniff(const QString &path, const QByteArray &head) const
{
    const QString text = QString::fromUtf8(head.left(64 * 1024));
    const qsizetype first = text.indexOf(QRegularExpression(QStringLiteral("\\S")));
    if (first < 0 || text.at(first) == QLatin1Char('{') || text.at(first) == QLatin1Char('['))
        return 0;
    const bool txt = path.endsWith(QLatin1String(".txt")) || path.endsWith(QLatin1String(".log"));
    static const QRegularExpression section(QStringLiteral("^-{3,}\\s*BEGIN\\s+(CORRECT|INCORRECT|HALTED)\\s+AGENTS"),
                                            QRegularExpression::MultilineOption);
    static const QRegularExpression trial(QStringLiteral("^BEGIN TRIAL \\d+\\s*$"), QRegularExpression::MultilineOption);
    if (text.contains(section))
        return txt ? 92 : 90;
    if (text.contains(trial) && text.contains(QLatin1String("#####")))
        return txt ? 87 : 85;
    return 0;
}

void ReactLogImporter::import(const QString &path, const ImportContext &ctx, TrajectorySink &sink) const
{
    json::LineReader reader(path);
    Reader log(path, sink);
    QStringDecoder utf8(QStringDecoder::Utf8);
    std::string line;
    while (reader.next(line)) {
        const qint64 n = reader.lineNumber();
        if ((n & 0x3ff) == 0)
            ctx.tick(reader.offset(), reader.size());
        const QString text = utf8(QByteArrayView(line.data(), qsizetype(line.size())));
        if (utf8.hasError())
            throw ImportError::atLine(path, n, QStringLiteral("invalid UTF-8: this is not a text log"));
        log.line(text, n);
    }
    log.finish();
    ctx.tick(reader.offset(), reader.size());
}

} // namespace reverie::ingest
