#pragma once

// Claude Code's session texts as a person reads them: roles, slash commands, and which user
// messages were asked by a person rather than written by the harness.

#include "core/model/Step.h"

#include <QString>

#include <vector>

namespace reverie::ingest::claudecode {

// The step's role, or the one its kind implies ("tool" for an observation, else "assistant").
QString roleFor(const Step &s);
// Sidechain records are a subagent's turns inside the parent session: kept, marked in the role.
void markSidechain(std::vector<Step> &steps);
// "<command-name>/init</command-name>...<command-args>x</command-args>" reads as "/init x".
QString commandPrompt(const QString &text);
// Whether a user message is what a person asked, rather than harness chatter.
bool isPrompt(const QString &text);

} // namespace reverie::ingest::claudecode
