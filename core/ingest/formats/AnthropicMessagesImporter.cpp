#include "core/ingest/formats/AnthropicMessagesImporter.h"

#include "core/ingest/formats/ChatContent.h"

#include <QFileInfo>

namespace reverie::ingest {

using json::Json;

namespace {

// The JSON of the blocks a step came from: one block as itself, several as an array.
QByteArray blocksRaw(const Json &content, const std::vector<int> &parts)
{
    if (parts.size() == 1)
        return json::dump(content.at(std::size_t(parts.front())));
    Json arr = Json::array();
    for (int i : parts)
        arr.push_back(content.at(std::size_t(i)));
    return json::dump(arr);
}

} // namespace

QString AnthropicMessagesImporter::description() const
{
    return QStringLiteral("Anthropic Messages transcript: a JSON array of messages (or {\"model\", \"system\", "
                          "\"messages\"}) with text, thinking, tool_use and tool_result blocks");
}

int AnthropicMessagesImporter::sniff(const QString &path, const QByteArray &head) const
{
    const int score = chat::scoreChatHead(JsonProbe::of(std::string_view(head.constData(), std::size_t(head.size()))))
                          .anthropic;
    return score > 0 && path.endsWith(QLatin1String(".json"), Qt::CaseInsensitive) ? score + 1 : score;
}

void AnthropicMessagesImporter::import(const QString &path, const ImportContext &ctx, TrajectorySink &sink) const
{
    const Json doc = json::parseFile(path, ctx);
    const Json &messages = chat::transcriptMessages(doc, path);
    const bool wrapped = doc.is_object();
    if (messages.empty())
        throw ImportError::inFile(path, QStringLiteral("the transcript holds no messages"));

    TrajectoryInfo info;
    info.externalId = QFileInfo(path).completeBaseName();
    QHash<QString, QString> toolByCallId;
    const qint64 handle = sink.begin(info);
    if (wrapped) {
        info.model = json::str(doc, "model");
        info.extra = chat::transcriptExtra(doc, {"model", "system"});
        // The system prompt sits beside the messages in this API; it becomes the first step.
        if (const Json *system = json::find(doc, "system"); system && !system->is_null()) {
            Step step;
            step.kind = StepKind::Message;
            step.role = QStringLiteral("system");
            step.text = chat::contentText(*system);
            step.raw = json::dump(Json{{"system", *system}});
            sink.addStep(handle, step);
        }
    }
    for (std::size_t i = 0; i < messages.size(); ++i) {
        const QString where = wrapped ? QStringLiteral("messages[%1]").arg(i) : QStringLiteral("message [%1]").arg(i);
        auto fail = [&](const QString &what) { return ImportError::inFile(path, QStringLiteral("%1: %2").arg(where, what)); };
        const Json &msg = messages[i];
        if (!msg.is_object())
            throw fail(QStringLiteral("expected a message object with \"role\" and \"content\""));
        const Json *role = json::find(msg, "role");
        if (!role || !role->is_string())
            throw fail(QStringLiteral("\"role\" must be \"user\" or \"assistant\""));
        const Json *content = json::find(msg, "content");
        std::vector<chat::Piece> pieces;
        if (!content || content->is_string() || content->is_null()) {
            chat::Piece p;
            p.step.kind = StepKind::Message;
            p.step.role = json::toText(*role);
            p.step.text = content ? json::toText(*content) : QString();
            pieces.push_back(std::move(p));
        } else if (content->is_array()) {
            std::vector<const Json *> blocks;
            for (const Json &b : *content)
                blocks.push_back(&b);
            pieces = chat::anthropicBlocks(blocks, json::toText(*role), toolByCallId);
        } else {
            throw fail(QStringLiteral("\"content\" must be a string or an array of content blocks"));
        }
        try {
            for (std::size_t p = 0; p < pieces.size(); ++p) {
                Step &step = pieces[p].step;
                // The first step of a message carries the whole message; the others their blocks.
                step.raw = p == 0 || pieces[p].parts.empty() ? json::dump(msg) : blocksRaw(*content, pieces[p].parts);
                if (info.task.isEmpty() && step.kind == StepKind::Message && step.role == QLatin1String("user"))
                    info.task = step.text.trimmed();
                sink.addStep(handle, step);
            }
        } catch (const Json::exception &e) {
            throw fail(QStringLiteral("unexpected value: %1").arg(QString::fromUtf8(e.what())));
        }
        if ((i & 0xff) == 0xff && ctx.cancelled())   // parseFile already reported the bytes
            throw ImportCancelled();
    }
    sink.finish(handle, info);
}

} // namespace reverie::ingest
