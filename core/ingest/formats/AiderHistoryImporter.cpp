#include "core/ingest/formats/AiderHistoryImporter.h"

#include "core/ingest/JsonSupport.h"
#include "core/ingest/formats/AiderOutput.h"

#include <QDateTime>
#include <QRegularExpression>
#include <QSet>
#include <QStringDecoder>

#include <map>
#include <optional>

namespace reverie::ingest {

using json::Json;
using aider::OutputLine;

namespace {

const QRegularExpression &sessionHeader()
{
    static const QRegularExpression re(
        QStringLiteral("^# aider chat started at (\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2})\\s*$"));
    return re;
}

// A step being read: lines are added until the next block starts.
struct Open {
    enum Kind { User, Reply, Output, ProviderError, AiderError, Edit, EditFailure, Commit, Shell };
    Kind kind = Output;
    OutputLine event;
    QStringList text;
    QByteArray raw;
};

struct Session {
    TrajectoryInfo info;
    qint64 handle = -1;               // set once the first user input makes it a run
    std::vector<Step> pending;        // startup output before that
    QStringList models;
    Json extra = Json::object();
    int calls = 0;
    bool taskSeen = false;
    bool lastWasProviderError = false;
    bool interrupted = false;
};

class Reader {
public:
    Reader(const QString &path, TrajectorySink &sink) : m_path(path), m_id(aider::fileId(path)), m_sink(sink) {}

    void line(const QString &text, qint64 n);
    void finish()
    {
        closeOpen();
        endSession();
    }

private:
    ImportError fail(qint64 n, const QString &what) const { return ImportError::atLine(m_path, n, what); }
    void startSession(const QRegularExpressionMatch &m, const QString &text, qint64 n);
    void endSession();
    void output(const QString &text);
    void open(Open::Kind kind, const QString &text, const QString &line, OutputLine event = {});
    void append(const QString &text, const QString &line);
    void closeOpen();
    void deliver(Step step);
    void emitCall(const QString &tool, const QString &input, const QByteArray &raw,
                  const std::optional<std::pair<QString, bool>> &result);

    QString m_path, m_id;
    TrajectorySink &m_sink;
    std::optional<Session> m_session;
    std::optional<Open> m_open;
    bool m_continues = false;   // the open aider output goes on until a line with the break
    bool m_breaks = false;      // this session's aider lines carry the break (none were stripped)
    int m_blank = 0;
    QSet<QString> m_ids;
};

void Reader::line(const QString &text, qint64 n)
{
    if (const auto m = sessionHeader().match(text); m.hasMatch()) {
        closeOpen();
        endSession();
        startSession(m, text, n);
        return;
    }
    if (!m_session) {
        if (text.trimmed().isEmpty())
            return;
        if (text.startsWith(QLatin1String("# aider chat started at")))
            throw fail(n, QStringLiteral("cannot read the session's start time: expected \"# aider chat started at "
                                         "YYYY-MM-DD HH:MM:SS\""));
        throw fail(n, QStringLiteral("expected \"# aider chat started at <time>\" before any text: this is not an "
                                     "aider chat history"));
    }
    const bool inReply = m_open && m_open->kind == Open::Reply;
    // Inside a reply, Markdown the model wrote ("#### Heading", "> quote") lacks aider's break.
    const bool user = aider::isUserLine(text) && (!inReply || !m_breaks || aider::endsWithBreak(text));
    bool out = aider::isOutputLine(text);
    if (out && inReply && m_breaks && !aider::endsWithBreak(text))
        out = aider::classify(aider::body(text)).kind != OutputLine::Info;
    if (m_continues) {
        if (!user && !out) {
            append(text, text);
            m_continues = !aider::endsWithBreak(text);
            return;
        }
        m_continues = false;
    }
    if (text.trimmed().isEmpty()) {
        ++m_blank;
        return;
    }
    if (user) {
        if (!(m_open && m_open->kind == Open::User && m_blank == 0))
            open(Open::User, aider::body(text), text);
        else
            append(aider::body(text), text);
    } else if (out) {
        m_breaks = m_breaks || aider::endsWithBreak(text);
        output(text);
        m_continues = m_breaks && !aider::endsWithBreak(text);
    } else if (inReply) {
        append(text, text);
    } else {
        open(Open::Reply, text, text);
    }
    m_blank = 0;
}

void Reader::startSession(const QRegularExpressionMatch &m, const QString &text, qint64 n)
{
    // Aider writes the machine's local time without a zone; it is read as this machine's local
    // time, which is right when the history is imported where it was written.
    const QDateTime start = QDateTime::fromString(m.captured(1), QStringLiteral("yyyy-MM-dd HH:mm:ss"));
    if (!start.isValid())
        throw fail(n, QStringLiteral("\"%1\" is not a valid date and time").arg(m.captured(1)));
    m_session.emplace();
    m_breaks = false;
    m_blank = 0;
    TrajectoryInfo &info = m_session->info;
    QString id = m_id + QLatin1Char('#') + start.toString(Qt::ISODate);
    for (int i = 2; m_ids.contains(id); ++i)   // two runs started within the same second
        id = m_id + QLatin1Char('#') + start.toString(Qt::ISODate) + QLatin1Char('-') + QString::number(i);
    m_ids.insert(id);
    info.externalId = id;
    info.agent = QStringLiteral("aider");
    info.workflow = m_id;
    info.startedMs = start.toMSecsSinceEpoch();
    m_session->extra["started_local"] = m.captured(1).toStdString();
    m_session->extra["header_line"] = n;
    open(Open::Output, text.mid(2).trimmed(), text);
}

void Reader::endSession()
{
    if (!m_session)
        return;
    Session ses = std::move(*m_session);
    m_session.reset();
    if (ses.handle < 0)
        return;   // aider started and stopped without a request: not a run
    TrajectoryInfo &info = ses.info;
    if (!ses.models.isEmpty()) {
        info.model = ses.models.front();
        Json models = Json::array();
        for (const QString &model : std::as_const(ses.models))
            models.push_back(model.toStdString());
        ses.extra["models"] = models;
    }
    if (ses.lastWasProviderError)
        info.outcome = QStringLiteral("error");
    else if (ses.interrupted)
        info.outcome = QStringLiteral("interrupted");
    info.extra = json::dump(ses.extra);
    m_sink.finish(ses.handle, info);
}

void Reader::output(const QString &text)
{
    const QString body = aider::body(text);
    const OutputLine ev = aider::classify(body);
    Session &ses = *m_session;
    switch (ev.kind) {
    case OutputLine::Model:
        if (!ses.models.contains(ev.name))
            ses.models << ev.name;
        if (!ev.detail.isEmpty() && !ses.extra.contains("edit_format"))
            ses.extra["edit_format"] = ev.detail.toStdString();
        break;
    case OutputLine::Setting: {
        static const std::map<QString, const char *> keys = {{QStringLiteral("Aider v"), "aider_version"},
                                                             {QStringLiteral("Weak model"), "weak_model"},
                                                             {QStringLiteral("Editor model"), "editor_model"},
                                                             {QStringLiteral("Git working dir"), "git_dir"}};
        if (ev.name == QLatin1String("Cur working dir"))
            ses.info.cwd = ev.detail;
        else if (const auto k = keys.find(ev.name); k != keys.end())
            ses.extra[k->second] = ev.detail.section(QLatin1Char(' '), 0, 0).toStdString();
        if (ev.name == QLatin1String("Git working dir") && ses.info.cwd.isEmpty())
            ses.info.cwd = ev.detail;
        break;
    }
    case OutputLine::Interrupted:
        ses.interrupted = true;
        break;
    case OutputLine::Edit:
        open(Open::Edit, body, text, ev);
        return;
    case OutputLine::Commit:
        open(Open::Commit, body, text, ev);
        return;
    case OutputLine::Shell:
        open(Open::Shell, body, text, ev);
        return;
    case OutputLine::ProviderError:
        open(Open::ProviderError, body, text, ev);
        return;
    case OutputLine::Crash:
        // After a provider error it is that error's traceback; alone, aider itself failed.
        if (m_open && m_open->kind == Open::ProviderError)
            append(body, text);
        else
            open(Open::ProviderError, body, text, ev);
        return;
    case OutputLine::Error:
        open(Open::AiderError, body, text, ev);
        return;
    case OutputLine::EditFailure:
        // "did not conform", the help link and "# N blocks failed to match" make one failure.
        if (m_open && m_open->kind == Open::EditFailure)
            append(body, text);
        else
            open(Open::EditFailure, body, text, ev);
        return;
    case OutputLine::Info:
        break;
    }
    // Startup lines stay together, tracebacks and retries with their error until a ^C.
    const bool joins = m_open && (m_open->kind == Open::Output ||
                                  (m_open->kind == Open::ProviderError && !body.startsWith(QLatin1String("^C"))) ||
                                  (m_open->kind == Open::EditFailure && body.startsWith(QLatin1String("https://"))));
    if (joins)
        append(body, text);
    else
        open(Open::Output, body, text, ev);
}

void Reader::open(Open::Kind kind, const QString &text, const QString &line, OutputLine event)
{
    closeOpen();
    m_open.emplace();
    m_open->kind = kind;
    m_open->event = std::move(event);
    m_open->text << text;
    m_open->raw = line.toUtf8();
}

void Reader::append(const QString &text, const QString &line)
{
    Open &o = *m_open;
    for (int i = 0; i < m_blank; ++i) {
        o.text << QString();
        o.raw += '\n';
    }
    m_blank = 0;
    o.text << text;
    o.raw += '\n' + line.toUtf8();
}

void Reader::closeOpen()
{
    if (!m_open)
        return;
    Open o = std::move(*m_open);
    m_open.reset();
    m_continues = false;
    Step s;
    s.text = o.text.join(QLatin1Char('\n')).trimmed();
    s.raw = o.raw;
    switch (o.kind) {
    case Open::User: {
        s.kind = StepKind::Message;
        s.role = QStringLiteral("user");
        Session &ses = *m_session;
        const bool command = s.text.startsWith(QLatin1Char('/'));
        if (!ses.taskSeen && (!command || aider::isPromptCommand(s.text))) {
            ses.taskSeen = true;
            s.kind = StepKind::Task;
            ses.info.task = command ? s.text.section(QLatin1Char(' '), 1).trimmed() : s.text;
        }
        if (ses.handle < 0) {
            ses.handle = m_sink.begin(ses.info);
            for (const Step &p : ses.pending)
                m_sink.addStep(ses.handle, p);
            ses.pending.clear();
        }
        if (ses.info.task.isEmpty())
            ses.info.task = s.text;   // only slash commands so far: the first one says most
        break;
    }
    case Open::Reply:
        s.kind = StepKind::Message;
        s.role = QStringLiteral("assistant");
        m_session->lastWasProviderError = false;
        break;
    case Open::Output:
        s.kind = StepKind::Other;
        break;
    case Open::ProviderError:
    case Open::AiderError:
        s.kind = StepKind::Other;
        s.isError = true;
        m_session->lastWasProviderError = o.kind == Open::ProviderError;
        break;
    case Open::Edit:
        emitCall(QStringLiteral("edit"), o.event.detail, s.raw, std::make_pair(s.text, false));
        return;
    case Open::EditFailure: {
        const QString files = aider::failedEditFile(s.text);
        emitCall(QStringLiteral("edit"), files.isEmpty() ? QStringLiteral("(edit blocks)") : files, s.raw,
                 std::make_pair(s.text, true));
        return;
    }
    case Open::Commit:
        emitCall(QStringLiteral("git commit"), o.event.detail, s.raw, std::make_pair(s.text, false));
        return;
    case Open::Shell:
        // Aider records that it ran the command, never what the command printed.
        emitCall(QStringLiteral("shell"), s.text.mid(8), s.raw, std::nullopt);
        return;
    }
    deliver(std::move(s));
}

void Reader::emitCall(const QString &tool, const QString &input, const QByteArray &raw,
                      const std::optional<std::pair<QString, bool>> &result)
{
    const QString id = QStringLiteral("c%1").arg(++m_session->calls);
    Step call;
    call.kind = StepKind::ToolCall;
    call.tool = tool;
    call.callId = id;
    call.text = input;
    call.raw = raw;
    deliver(std::move(call));
    if (!result)
        return;
    Step obs;
    obs.kind = StepKind::Observation;
    obs.tool = tool;
    obs.callId = id;
    obs.text = result->first;
    obs.isError = result->second;
    obs.raw = raw;   // one record says both what was done and how it went
    deliver(std::move(obs));
}

void Reader::deliver(Step step)
{
    Session &ses = *m_session;
    if (ses.handle < 0)
        ses.pending.push_back(std::move(step));
    else
        m_sink.addStep(ses.handle, step);
}

} // namespace

QString AiderHistoryImporter::description() const
{
    return QStringLiteral("Aider chat history (.aider.chat.history.md): one run per \"# aider chat started at\" "
                          "session, with edits, commits, commands and errors");
}

int AiderHistoryImporter::sniff(const QString &path, const QByteArray &head) const
{
    Q_UNUSED(path);
    qsizetype start = head.startsWith("\xEF\xBB\xBF") ? 3 : 0;
    while (start < head.size() && (head.at(start) == '\n' || head.at(start) == '\r' || head.at(start) == ' '))
        ++start;
    qsizetype end = head.indexOf('\n', start);
    if (end < 0)
        end = head.size();
    const QString first = QString::fromUtf8(head.mid(start, qMin<qsizetype>(end - start, 200)));
    return sessionHeader().match(first.trimmed()).hasMatch() ? 95 : 0;
}

void AiderHistoryImporter::import(const QString &path, const ImportContext &ctx, TrajectorySink &sink) const
{
    json::LineReader reader(path);
    Reader history(path, sink);
    QStringDecoder utf8(QStringDecoder::Utf8);
    std::string line;
    while (reader.next(line)) {
        const qint64 n = reader.lineNumber();
        if ((n & 0x3ff) == 0)
            ctx.tick(reader.offset(), reader.size());
        std::string_view bytes(line);
        if (n == 1 && bytes.substr(0, 3) == "\xEF\xBB\xBF")
            bytes.remove_prefix(3);
        const QString text = utf8(QByteArrayView(bytes.data(), qsizetype(bytes.size())));
        if (utf8.hasError())
            throw ImportError::atLine(path, n, QStringLiteral("invalid UTF-8: aider writes its history as UTF-8 text"));
        history.line(text, n);
    }
    history.finish();
    ctx.tick(reader.offset(), reader.size());
}

} // namespace reverie::ingest
