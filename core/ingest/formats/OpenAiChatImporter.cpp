#include "core/ingest/formats/OpenAiChatImporter.h"

#include "core/ingest/formats/ChatContent.h"

#include <QFileInfo>

namespace reverie::ingest {

using json::Json;

QString OpenAiChatImporter::description() const
{
    return QStringLiteral("OpenAI chat transcript: a JSON array of chat-completions messages (or an object with "
                          "\"messages\"), tool_calls paired with role \"tool\" results");
}

int OpenAiChatImporter::sniff(const QString &path, const QByteArray &head) const
{
    const int score = chat::scoreChatHead(JsonProbe::of(std::string_view(head.constData(), std::size_t(head.size()))))
                          .openAi;
    // The extension only breaks ties between equally plausible readings.
    return score > 0 && path.endsWith(QLatin1String(".json"), Qt::CaseInsensitive) ? score + 1 : score;
}

void OpenAiChatImporter::import(const QString &path, const ImportContext &ctx, TrajectorySink &sink) const
{
    const Json doc = json::parseFile(path, ctx);
    const Json &messages = chat::transcriptMessages(doc, path);
    const bool wrapped = doc.is_object();
    if (messages.empty())
        throw ImportError::inFile(path, QStringLiteral("the transcript holds no messages"));

    TrajectoryInfo info;
    info.externalId = QFileInfo(path).completeBaseName();
    if (wrapped) {
        info.model = json::str(doc, "model");
        info.extra = chat::transcriptExtra(doc, {"model"});
    }
    QHash<QString, QString> toolByCallId;
    const qint64 handle = sink.begin(info);
    for (std::size_t i = 0; i < messages.size(); ++i) {
        const QString where = wrapped ? QStringLiteral("messages[%1]").arg(i) : QStringLiteral("message [%1]").arg(i);
        const Json &msg = messages[i];
        try {
            std::vector<chat::Piece> pieces = chat::openAiMessage(msg, toolByCallId, path, where);
            for (std::size_t p = 0; p < pieces.size(); ++p) {
                Step &step = pieces[p].step;
                const int part = pieces[p].parts.front();
                // The first step of a message carries the whole message; the others their tool call.
                step.raw = json::dump(p == 0 || part < 0 ? msg : msg.at("tool_calls").at(std::size_t(part)));
                if (const Json *ts = json::find(msg, "timestamp"))
                    step.timestampMs = json::parseTimestamp(*ts);
                if (info.task.isEmpty() && step.kind == StepKind::Message && step.role == QLatin1String("user"))
                    info.task = step.text.trimmed();
                sink.addStep(handle, step);
            }
        } catch (const Json::exception &e) {
            throw ImportError::inFile(path, QStringLiteral("%1: unexpected value: %2").arg(where, QString::fromUtf8(e.what())));
        }
        if ((i & 0xff) == 0xff && ctx.cancelled())   // parseFile already reported the bytes
            throw ImportCancelled();
    }
    sink.finish(handle, info);
}

} // namespace reverie::ingest
