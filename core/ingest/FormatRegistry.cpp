#include "core/ingest/FormatRegistry.h"

#include "core/ingest/NativeJsonlImporter.h"
// group A includes
#include "core/ingest/formats/InspectEvalImporter.h"
#include "core/ingest/formats/OpenHandsImporter.h"
#include "core/ingest/formats/SweAgentImporter.h"
#include "core/ingest/formats/TauBenchImporter.h"
// end group A includes
// group B includes
#include "core/ingest/formats/AnthropicMessagesImporter.h"
#include "core/ingest/formats/AtifImporter.h"
#include "core/ingest/formats/ClaudeCodeImporter.h"
#include "core/ingest/formats/OpenAiChatImporter.h"
#include "core/ingest/formats/OtelGenAiImporter.h"
#include "core/ingest/formats/ReactLogImporter.h"
// end group B includes
#include "core/ingest/formats/CodexCliImporter.h"
#include "core/ingest/formats/AiderHistoryImporter.h"
#include "core/ingest/formats/GeminiCliImporter.h"

namespace reverie::ingest {

const FormatRegistry &FormatRegistry::builtin()
{
    static const FormatRegistry registry = [] {
        FormatRegistry r;
        r.add(std::make_unique<NativeJsonlImporter>());
        // group A registration
        r.add(std::make_unique<TauBenchImporter>());
        r.add(std::make_unique<SweAgentImporter>());
        r.add(std::make_unique<InspectEvalImporter>());
        r.add(std::make_unique<OpenHandsImporter>());
        // end group A registration
        // group B registration
        r.add(std::make_unique<ClaudeCodeImporter>());
        r.add(std::make_unique<ReactLogImporter>());
        r.add(std::make_unique<OpenAiChatImporter>());
        r.add(std::make_unique<AnthropicMessagesImporter>());
        r.add(std::make_unique<OtelGenAiImporter>());
        r.add(std::make_unique<AtifImporter>());
        // end group B registration
        r.add(std::make_unique<CodexCliImporter>());
        r.add(std::make_unique<AiderHistoryImporter>());
        r.add(std::make_unique<GeminiCliImporter>());
        return r;
    }();
    return registry;
}

void FormatRegistry::add(std::unique_ptr<Importer> importer) { m_importers.push_back(std::move(importer)); }

const Importer *FormatRegistry::byName(const QString &name) const
{
    for (const auto &imp : m_importers) {
        if (imp->name() == name)
            return imp.get();
    }
    return nullptr;
}

QStringList FormatRegistry::names() const
{
    QStringList out;
    for (const auto &imp : m_importers)
        out << imp->name();
    return out;
}

const Importer *FormatRegistry::detect(const QString &path, const QByteArray &head) const
{
    const Importer *best = nullptr;
    int bestScore = 0;
    for (const auto &imp : m_importers) {
        const int score = imp->sniff(path, head);
        if (score > bestScore) {
            best = imp.get();
            bestScore = score;
        }
    }
    return best;
}

} // namespace reverie::ingest
