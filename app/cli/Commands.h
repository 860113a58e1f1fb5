#pragma once

namespace reverie::cli {

class CliContext;

// One function per sub-command; each parses its own options from ctx.args().
int importCommand(CliContext &ctx);
int formatsCommand(CliContext &ctx);
int trajectoriesCommand(CliContext &ctx);
int showCommand(CliContext &ctx);
int verifyCommand(CliContext &ctx);

} // namespace reverie::cli
