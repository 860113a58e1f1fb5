#include "core/ingest/formats/GeminiCheckpoint.h"

#include <QFileInfo>
#include <QHash>
#include <QRegularExpression>
#include <QStringList>

#include <deque>
#include <optional>
#include <vector>

namespace reverie::ingest::gemini {

namespace {

QString partText(const Json &p)
{
    if (!p.is_object())
        return json::toText(p);
    if (const Json *t = json::find(p, "text"); t && t->is_string())
        return json::toText(*t);
    if (const Json *fc = json::find(p, "functionCall"); fc && fc->is_object()) {
        const Json *args = json::find(*fc, "args");
        return QStringLiteral("%1(%2)").arg(json::str(*fc, "name"), args ? json::toText(*args) : QString());
    }
    if (const Json *fr = json::find(p, "functionResponse"); fr && fr->is_object())
        return functionResult(*fr).text;
    if (const Json *d = json::find(p, "inlineData"); d && d->is_object())
        return QStringLiteral("[inline data: %1]").arg(json::str(*d, "mimeType"));
    if (const Json *d = json::find(p, "fileData"); d && d->is_object())
        return QStringLiteral("[file: %1]").arg(json::str(*d, "fileUri"));
    return json::toText(p);
}

const QString kItemShape = QStringLiteral("expected a Gemini checkpoint item {\"role\": \"user\"|\"model\", \"parts\": [...]}");

// One `/chat save` history: Content items whose parts hold text, thoughts, function calls and
// (in the user's turn) function responses. Older calls carry no id: a response is paired with
// the oldest open call of the same name.
class CheckpointReader {
public:
    CheckpointReader(const QString &path, TrajectorySink &sink) : m_path(path), m_sink(sink)
    {
        m_info.externalId = QFileInfo(path).completeBaseName();
        m_info.workflow = workflowName();
        m_info.agent = agentName();
        m_info.extra = json::dump(Json{{"shape", "checkpoint"}});
        m_handle = m_sink.begin(m_info);
    }

    void item(const Json &it, qint64 index);
    void finish() { m_sink.finish(m_handle, m_info); }

private:
    ImportError fail(qint64 index, const QString &what) const
    {
        return ImportError::inFile(m_path, QStringLiteral("checkpoint item %1: %2").arg(index).arg(what));
    }
    Step part(const Json &p, const QString &role, qint64 index, std::size_t k);

    QString m_path;
    TrajectorySink &m_sink;
    TrajectoryInfo m_info;
    qint64 m_handle = 0;
    QHash<QString, std::deque<QString>> m_open;   // synthesised call ids by tool name
    int m_calls = 0;
};

void CheckpointReader::item(const Json &it, qint64 index)
{
    if (!it.is_object())
        throw fail(index, kItemShape);
    const Json *role = json::find(it, "role");
    const Json *parts = json::find(it, "parts");
    if (!role || !role->is_string() || !parts || !parts->is_array())
        throw fail(index, kItemShape + QStringLiteral(" (this is not a Gemini CLI checkpoint)"));
    const QString r = json::toText(*role);
    const QString stepRole = r == QLatin1String("model") ? QStringLiteral("assistant") : r;
    std::vector<Step> steps;
    for (std::size_t k = 0; k < parts->size(); ++k)
        steps.push_back(part((*parts)[k], stepRole, index, k));
    if (steps.empty()) {
        Step s;
        s.kind = StepKind::Message;
        s.role = stepRole;
        steps.push_back(s);
    }
    steps.front().raw = json::dump(it);   // the first step of an item holds all of it
    for (const Step &s : steps)
        m_sink.addStep(m_handle, s);
}

Step CheckpointReader::part(const Json &p, const QString &role, qint64 index, std::size_t k)
{
    if (!p.is_object())
        throw fail(index, QStringLiteral("parts[%1] must be an object such as {\"text\": ...}").arg(k));
    Step s;
    s.raw = json::dump(p);
    const Json *fc = json::find(p, "functionCall");
    const Json *fr = json::find(p, "functionResponse");
    const Json *text = json::find(p, "text");
    if (fc) {
        if (!fc->is_object() || !json::find(*fc, "name") || !json::find(*fc, "name")->is_string())
            throw fail(index, QStringLiteral("parts[%1].functionCall must be an object {name, args}").arg(k));
        s.kind = StepKind::ToolCall;
        s.tool = json::str(*fc, "name");
        s.callId = json::str(*fc, "id");
        if (s.callId.isEmpty()) {
            s.callId = QStringLiteral("%1#%2").arg(s.tool).arg(++m_calls);
            m_open[s.tool].push_back(s.callId);
        }
        const Json *args = json::find(*fc, "args");
        s.text = args ? json::toText(*args) : QString();
    } else if (fr) {
        if (!fr->is_object())
            throw fail(index, QStringLiteral("parts[%1].functionResponse must be an object {name, response}").arg(k));
        s.kind = StepKind::Observation;
        s.tool = json::str(*fr, "name");
        s.callId = json::str(*fr, "id");
        if (std::deque<QString> &open = m_open[s.tool]; s.callId.isEmpty() && !open.empty()) {
            s.callId = open.front();
            open.pop_front();
        }
        const ToolResult res = functionResult(*fr);
        s.text = res.text;
        s.isError = res.isError;
    } else if (text && text->is_string()) {
        const Json *thought = json::find(p, "thought");
        const bool isThought = thought && thought->is_boolean() && thought->get<bool>();
        s.kind = isThought ? StepKind::Plan : StepKind::Message;
        s.role = role;
        s.text = json::toText(*text);
        // Gemini CLI opens every chat with a user turn describing the environment.
        if (!isThought && role == QLatin1String("user") && m_info.task.isEmpty()
            && !s.text.startsWith(QLatin1String("This is the Gemini CLI.")))
            m_info.task = s.text.trimmed();
    } else {
        s.kind = StepKind::Other;   // inlineData, fileData, executableCode...
        s.role = role;
        s.text = partText(p);
    }
    return s;
}

} // namespace

QString partsText(const Json &content)
{
    if (content.is_null())
        return {};
    if (!content.is_array())
        return partText(content);
    QStringList out;
    for (const Json &p : content) {
        const QString t = partText(p);
        if (!t.isEmpty())
            out << t;
    }
    return out.join(QLatin1Char('\n'));
}

ToolResult functionResult(const Json &functionResponse)
{
    ToolResult r;
    const Json *response = json::find(functionResponse, "response");
    if (!response || response->is_null())
        return r;
    if (const Json *err = json::find(*response, "error"); err && !err->is_null()) {
        r.isError = true;
        r.text = json::toText(*err);
        return r;
    }
    const Json *output = json::find(*response, "output");
    r.text = json::toText(output ? *output : *response);
    r.isError = shellExitCode(r.text) != 0;
    return r;
}

int shellExitCode(const QString &output)
{
    if (!output.startsWith(QLatin1String("Command: ")))
        return 0;
    // The trailer comes last; the command's own output may hold a look-alike line before it.
    static const QRegularExpression exitLine(QStringLiteral("^Exit Code: (-?\\d+)\\s*$"),
                                             QRegularExpression::MultilineOption);
    int code = 0;
    for (QRegularExpressionMatchIterator it = exitLine.globalMatch(output); it.hasNext();)
        code = it.next().captured(1).toInt();
    return code;
}

void importCheckpoint(const QString &path, const ImportContext &ctx, TrajectorySink &sink, const Json *items)
{
    std::optional<CheckpointReader> reader;
    auto onItem = [&](const Json &it, qint64 index) {
        if (!reader)
            reader.emplace(path, sink);
        try {
            reader->item(it, index);
        } catch (const Json::exception &e) {
            throw ImportError::inFile(path, QStringLiteral("checkpoint item %1: unexpected value: %2")
                                                .arg(index)
                                                .arg(QString::fromUtf8(e.what())));
        }
    };
    if (items) {
        for (std::size_t i = 0; i < items->size(); ++i) {
            if ((i & 0xff) == 0xff && ctx.cancelled())
                throw ImportCancelled();
            onItem((*items)[i], qint64(i));
        }
    } else {
        json::forEachArrayElement(path, ctx, [&](Json &&it, qint64 index) { onItem(it, index); });
    }
    if (!reader)
        throw ImportError::atOffset(path, 0, QStringLiteral("the checkpoint holds no conversation items"));
    reader->finish();
}

} // namespace reverie::ingest::gemini
