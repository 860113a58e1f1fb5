#include "synthetic/SyntheticRun.h"

namespace reverie::dream::synthetic {

namespace {

const char *const kNoiseErrors[] = {
    "upstream returned 503 after %1 ms", "connection reset by peer", "certificate expired for host h%1",
    "disk quota exceeded on volume %1", "worker process killed by the OOM killer", "dns lookup failed for api%1",
    "unexpected end of stream", "permission denied for service account svc%1", "clock skew of %1 s detected",
    "internal assertion failed in module m%1", "socket timed out", "malformed response from sidecar",
};
const char *const kProbes[] = {"heap", "threads", "sockets", "env", "config", "mounts"};

} // namespace

QString jsonString(const QString &s)
{
    QString out;
    out.reserve(s.size() + 2);
    out += QLatin1Char('"');
    for (const QChar c : s) {
        switch (c.unicode()) {
        case '"': out += QLatin1String("\\\""); break;
        case '\\': out += QLatin1String("\\\\"); break;
        case '\n': out += QLatin1String("\\n"); break;
        case '\t': out += QLatin1String("\\t"); break;
        default:
            if (c.unicode() < 0x20)
                out += QStringLiteral("\\u%1").arg(int(c.unicode()), 4, 16, QLatin1Char('0'));
            else
                out += c;
        }
    }
    out += QLatin1Char('"');
    return out;
}

RunMaker::RunMaker(const QString &id, qint64 startMs, Rng &rng, int padSteps)
    : m_rng(rng), m_ts(startMs), m_padLeft(padSteps)
{
    m_t.info.externalId = id;
    m_t.info.startedMs = startMs;
}

void RunMaker::push(Step step, const QString &fields)
{
    step.timestampMs = m_ts;
    m_t.info.endedMs = m_ts;
    m_ts += 1000;
    step.raw = QStringLiteral("{\"trajectory\": %1, \"ts\": %2, %3}")
                   .arg(jsonString(m_t.info.externalId))
                   .arg(step.timestampMs)
                   .arg(fields)
                   .toUtf8();
    step.seq = int(m_t.steps.size());
    m_t.steps.push_back(std::move(step));
}

void RunMaker::task(const QString &title, const QString &workflow, const QString &model)
{
    m_t.info.task = title;
    m_t.info.workflow = workflow;
    m_t.info.model = model;
    m_t.info.agent = QStringLiteral("synthetic-agent");
    Step s;
    s.kind = StepKind::Task;
    s.text = title;
    push(s, QStringLiteral("\"type\": \"task\", \"title\": %1, \"workflow\": %2, \"agent\": \"synthetic-agent\", "
                           "\"model\": %3")
                .arg(jsonString(title), jsonString(workflow), jsonString(model)));
    // Routine reads first, so padding never separates the calls a lesson is about.
    const int padCalls = m_padLeft / 3;
    for (int i = 0; i < padCalls; ++i) {
        const int key = m_rng.below(1000);
        Step c;
        c.kind = StepKind::ToolCall;
        c.tool = QStringLiteral("read_context");
        c.callId = nextCallId();
        c.text = QStringLiteral("{\"key\":\"k%1\"}").arg(key);
        push(c, QStringLiteral("\"type\": \"tool_call\", \"tool\": \"read_context\", \"input\": %1, \"call_id\": \"%2\"")
                    .arg(c.text, c.callId));
        Step o;
        o.kind = StepKind::Observation;
        o.tool = c.tool;
        o.callId = c.callId;
        o.text = QStringLiteral("value of k%1: %2 entries").arg(key).arg(m_rng.below(90) + 1);
        push(o, QStringLiteral("\"type\": \"observation\", \"call_id\": \"%1\", \"output\": %2, \"is_error\": false")
                    .arg(o.callId, jsonString(o.text)));
    }
    m_padLeft -= 2 * padCalls;
}

bool RunMaker::call(const QString &tool, const QString &input, const QString &output, bool error)
{
    if (m_noiseHit)
        return false;
    QString out = output;
    bool isError = error;
    if (m_calls == m_noiseAt) {
        m_noiseAt = -1;
        if (m_rng.chance(0.5))
            call(QStringLiteral("debug_probe"), QStringLiteral("{\"probe\":\"%1\"}").arg(QLatin1String(kProbes[m_rng.below(6)])),
                 QStringLiteral("probe ok"));
        QString message = QString::fromLatin1(kNoiseErrors[m_rng.below(12)]);
        const int n = m_rng.below(9000) + 100;
        if (message.contains(QLatin1String("%1")))
            message = message.arg(n);
        out = QStringLiteral("error: ") + message;
        isError = true;
        m_noiseHit = true;
    }
    ++m_calls;
    Step c;
    c.kind = StepKind::ToolCall;
    c.tool = tool;
    c.callId = nextCallId();
    c.text = input;
    push(c, QStringLiteral("\"type\": \"tool_call\", \"tool\": %1, \"input\": %2, \"call_id\": \"%3\"")
                .arg(jsonString(tool), input, c.callId));
    Step o;
    o.kind = StepKind::Observation;
    o.tool = tool;
    o.callId = c.callId;
    o.text = out;
    o.isError = isError;
    push(o, QStringLiteral("\"type\": \"observation\", \"call_id\": \"%1\", \"output\": %2, \"is_error\": %3")
                .arg(c.callId, jsonString(out), isError ? QStringLiteral("true") : QStringLiteral("false")));
    if (m_padLeft > 0 && m_rng.chance(0.3)) {
        --m_padLeft;
        message(QStringLiteral("Step done; moving on."));
    }
    return true;
}

void RunMaker::message(const QString &text)
{
    Step m;
    m.kind = StepKind::Message;
    m.role = QStringLiteral("assistant");
    m.text = text;
    push(m, QStringLiteral("\"type\": \"message\", \"role\": \"assistant\", \"text\": %1").arg(jsonString(text)));
}

void RunMaker::finish(bool success, const QString &summary, const QString &notes, bool judged)
{
    while (m_padLeft-- > 0)
        message(QStringLiteral("Checking the result."));
    const bool ok = success && !m_noiseHit;
    const QString status = ok ? QStringLiteral("success") : QStringLiteral("failed");
    m_t.info.outcome = status;
    Step o;
    o.kind = StepKind::Outcome;
    o.text = summary.isEmpty() ? status : status + QStringLiteral(": ") + summary;
    o.isError = !ok;
    push(o, QStringLiteral("\"type\": \"outcome\", \"status\": \"%1\", \"summary\": %2").arg(status, jsonString(summary)));
    if (!judged)
        return;
    QString note = notes;
    if (m_noiseHit && note.isEmpty() && m_rng.chance(0.3))
        note = QStringLiteral("Infra incident INC-%1, unrelated to the agent.").arg(m_rng.below(90000) + 10000);
    m_t.info.verdict = ok ? Verdict::Success : Verdict::Failure;
    m_t.info.verdictNotes = note;
    m_t.info.reviewer = QStringLiteral("reviewer");
    Step v;
    v.kind = StepKind::Verdict;
    v.role = m_t.info.reviewer;
    v.text = note.isEmpty() ? verdictName(m_t.info.verdict) : verdictName(m_t.info.verdict) + QStringLiteral(": ") + note;
    push(v, QStringLiteral("\"type\": \"verdict\", \"success\": %1, \"reviewer\": \"reviewer\"%2")
                .arg(ok ? QStringLiteral("true") : QStringLiteral("false"),
                     note.isEmpty() ? QString() : QStringLiteral(", \"notes\": %1").arg(jsonString(note))));
}

} // namespace reverie::dream::synthetic
