// libFuzzer harness for the fast reader of native events: wherever it accepts a line,
// nlohmann/json must accept it too and read every kept member the same way.

#include "fuzz/FlatScanOracle.h"

#include <cstdint>
#include <cstdio>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const std::string_view line(reinterpret_cast<const char *>(data), size);
    const std::string why = reverie::ingest::json::flatScanDisagreement(line);
    if (!why.empty()) {
        std::fprintf(stderr, "the fast scanner disagrees with nlohmann/json: %s\n", why.c_str());
        std::abort();
    }
    return 0;
}
