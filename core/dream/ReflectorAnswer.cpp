#include "core/dream/ReflectorAnswer.h"

#include "core/dream/DreamErrors.h"
#include "core/model/JsonNesting.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <set>

namespace reverie::dream {

namespace {

using Json = nlohmann::json;

constexpr int kMaxTextChars = 400;

[[noreturn]] void invalid(const QString &where, const QString &what)
{
    throw DreamFailed(QStringLiteral("the model's answer is invalid: %1: %2").arg(where, what));
}

// A model's answer is untrusted: refuse absurd nesting before the recursive parser sees it.
bool nestsTooDeep(const std::string &text) { return findNestingBeyond(text, 32) >= 0; }

QString qstr(const Json &j) { return QString::fromStdString(j.get<std::string>()); }

// The JSON object inside the answer: as is, or inside a ``` fence, or from the first '{' to the last '}'.
std::string jsonPart(const QString &answer)
{
    QString t = answer.trimmed();
    if (t.startsWith(QLatin1String("```"))) {
        const qsizetype open = t.indexOf(QLatin1Char('\n'));
        const qsizetype close = t.lastIndexOf(QLatin1String("```"));
        if (open > 0 && close > open)
            t = t.mid(open + 1, close - open - 1).trimmed();
    }
    if (!t.startsWith(QLatin1Char('{'))) {
        const qsizetype a = t.indexOf(QLatin1Char('{'));
        const qsizetype b = t.lastIndexOf(QLatin1Char('}'));
        if (a >= 0 && b > a)
            t = t.mid(a, b - a + 1);
    }
    return t.toStdString();
}

QStringList stringList(const Json &obj, const char *key, const QString &where)
{
    QStringList out;
    if (!obj.contains(key) || obj[key].is_null())
        return out;
    const Json &arr = obj[key];
    if (!arr.is_array())
        invalid(QStringLiteral("%1.%2").arg(where, QLatin1String(key)), QStringLiteral("expected an array of strings"));
    for (std::size_t i = 0; i < arr.size(); ++i) {
        if (!arr[i].is_string())
            invalid(QStringLiteral("%1.%2[%3]").arg(where, QLatin1String(key)).arg(i), QStringLiteral("expected a string"));
        const QString s = qstr(arr[i]).trimmed();
        if (!s.isEmpty() && !out.contains(s))
            out << s;
    }
    return out;
}

Proposal operation(const Json &op, const QString &where, const PlaybookVersion &playbook, const StepResolver &resolve)
{
    if (!op.is_object())
        invalid(where, QStringLiteral("expected an object"));
    if (!op.contains("op") || !op["op"].is_string())
        invalid(where + QStringLiteral(".op"), QStringLiteral("missing (add, edit, remove or merge)"));
    const std::optional<ProposalOp> kind = proposalOpFromName(qstr(op["op"]));
    if (!kind || !changesRulesDirectly(*kind))   // a model never asks for a rollback or a policy change
        invalid(where + QStringLiteral(".op"), QStringLiteral("\"%1\" is not add, edit, remove or merge").arg(qstr(op["op"])));
    Proposal p;
    p.op = *kind;
    p.kind = QStringLiteral("reflection");
    p.targetRules = stringList(op, "target_rules", where);
    const int targets = int(p.targetRules.size());
    if ((p.op == ProposalOp::Add && targets != 0) || ((p.op == ProposalOp::Edit || p.op == ProposalOp::Remove) && targets != 1)
        || (p.op == ProposalOp::Merge && targets < 2))
        invalid(where + QStringLiteral(".target_rules"),
                QStringLiteral("%1 takes %2, got %3").arg(proposalOpName(p.op),
                    p.op == ProposalOp::Add ? QStringLiteral("none") : p.op == ProposalOp::Merge ? QStringLiteral("two or more") : QStringLiteral("exactly one"))
                    .arg(targets));
    for (const QString &id : p.targetRules) {
        const auto rule = std::find_if(playbook.rules.begin(), playbook.rules.end(), [&](const Rule &r) { return r.id == id; });
        if (rule == playbook.rules.end())
            invalid(where + QStringLiteral(".target_rules"), QStringLiteral("rule \"%1\" is not in the current playbook").arg(id));
        if (p.op == ProposalOp::Remove)
            p.text = rule->text;
    }
    if (p.op != ProposalOp::Remove) {
        if (!op.contains("text") || !op["text"].is_string() || qstr(op["text"]).trimmed().isEmpty())
            invalid(where + QStringLiteral(".text"), QStringLiteral("missing: one imperative sentence"));
        p.text = qstr(op["text"]).simplified();
        if (p.text.size() > kMaxTextChars)
            invalid(where + QStringLiteral(".text"), QStringLiteral("longer than %1 characters").arg(kMaxTextChars));
    }
    if (op.contains("scope") && !op["scope"].is_null()) {
        if (!op["scope"].is_object())
            invalid(where + QStringLiteral(".scope"), QStringLiteral("expected {\"workflows\": [...], \"tools\": [...]}"));
        p.scope.workflows = stringList(op["scope"], "workflows", where + QStringLiteral(".scope"));
        p.scope.tools = stringList(op["scope"], "tools", where + QStringLiteral(".scope"));
    }
    if (op.contains("rationale") && !op["rationale"].is_null()) {
        if (!op["rationale"].is_string())
            invalid(where + QStringLiteral(".rationale"), QStringLiteral("expected a string"));
        p.rationale = qstr(op["rationale"]).simplified().left(2000);
    }
    p.confidence = 0.5;
    if (op.contains("confidence") && !op["confidence"].is_null()) {
        if (!op["confidence"].is_number() || op["confidence"].get<double>() < 0 || op["confidence"].get<double>() > 1
            || std::isnan(op["confidence"].get<double>()))
            invalid(where + QStringLiteral(".confidence"), QStringLiteral("expected a number from 0 to 1"));
        p.confidence = op["confidence"].get<double>();
    }
    if (!op.contains("evidence") || !op["evidence"].is_array() || op["evidence"].empty())
        invalid(where + QStringLiteral(".evidence"), QStringLiteral("missing: cite at least one step as {\"trajectory\", \"step\"}"));
    std::set<qint64> trajectories;
    const Json &evidence = op["evidence"];
    for (std::size_t i = 0; i < evidence.size(); ++i) {
        const QString at = QStringLiteral("%1.evidence[%2]").arg(where).arg(i);
        const Json &e = evidence[i];
        if (!e.is_object() || !e.contains("trajectory") || !e["trajectory"].is_string())
            invalid(at, QStringLiteral("expected {\"trajectory\": \"<run id>\", \"step\": <step number>}"));
        if (!e.contains("step") || !e["step"].is_number_integer())
            invalid(at + QStringLiteral(".step"), QStringLiteral("expected the step number shown in brackets"));
        const QString trajectory = qstr(e["trajectory"]);
        const qint64 step = e["step"].get<qint64>();
        std::optional<Evidence> found = resolve(trajectory, step);
        if (!found)
            invalid(at, QStringLiteral("step %1 does not exist in trajectory \"%2\"").arg(step).arg(trajectory.left(80)));
        if (e.contains("note") && e["note"].is_string())
            found->note = qstr(e["note"]).simplified().left(300);
        trajectories.insert(found->trajectoryId);
        p.evidence.push_back(*found);
    }
    p.support = int(trajectories.size());
    return p;
}

} // namespace

std::vector<Proposal> parseReflectorAnswer(const QString &answer, const PlaybookVersion &playbook,
                                           const StepResolver &resolveStep, const QString &author)
{
    const std::string text = jsonPart(answer);
    if (nestsTooDeep(text))
        invalid(QStringLiteral("answer"), QStringLiteral("nested deeper than any edit operation needs"));
    const Json root = Json::parse(text, nullptr, false);
    if (root.is_discarded())
        invalid(QStringLiteral("answer"), QStringLiteral("not JSON: \"%1\"").arg(answer.simplified().left(120)));
    if (!root.is_object() || !root.contains("operations") || !root["operations"].is_array())
        invalid(QStringLiteral("answer"), QStringLiteral("expected {\"operations\": [...]}"));
    const Json &ops = root["operations"];
    if (int(ops.size()) > kMaxOperations)
        invalid(QStringLiteral("operations"), QStringLiteral("%1 operations, at most %2 allowed").arg(ops.size()).arg(kMaxOperations));
    std::vector<Proposal> out;
    for (std::size_t i = 0; i < ops.size(); ++i) {
        Proposal p = operation(ops[i], QStringLiteral("operations[%1]").arg(i), playbook, resolveStep);
        p.author = author;
        out.push_back(std::move(p));
    }
    return out;
}

} // namespace reverie::dream
