// libFuzzer harness for everything that parses what a model sends back: the Anthropic and
// OpenAI-compatible response bodies, and the reflector's JSON edit operations.

#include "core/dream/ReflectorAnswer.h"
#include "core/llm/AnthropicClient.h"
#include "core/llm/OpenAiClient.h"

#include <QByteArray>
#include <QString>

#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray body(reinterpret_cast<const char *>(data), qsizetype(size));
    try {
        reverie::llm::AnthropicClient::parseResponse(body);
    } catch (const reverie::Error &) {
    }
    try {
        reverie::llm::OpenAiClient::parseResponse(body);
    } catch (const reverie::Error &) {
    }

    reverie::PlaybookVersion playbook;
    playbook.number = 3;
    reverie::Rule r;
    r.id = QStringLiteral("R1");
    r.text = QStringLiteral("Run run_tests before deploy.");
    playbook.rules.push_back(r);
    const auto resolve = [](const QString &trajectory, qint64 step) -> std::optional<reverie::Evidence> {
        if (trajectory != QLatin1String("t1") || step < 1 || step > 50)
            return std::nullopt;
        reverie::Evidence e;
        e.trajectoryId = 1;
        e.trajectoryExternalId = trajectory;
        e.stepId = step;
        e.stepSeq = int(step);
        return e;
    };
    try {
        reverie::dream::parseReflectorAnswer(QString::fromUtf8(body), playbook, resolve, QStringLiteral("fuzz"));
    } catch (const reverie::Error &) {
    }
    return 0;
}
