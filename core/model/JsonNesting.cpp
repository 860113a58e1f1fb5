#include "core/model/JsonNesting.h"

namespace reverie {

qint64 findNestingBeyond(std::string_view text, int maxDepth)
{
    int depth = 0;
    bool inString = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (inString) {
            if (c == '\\')
                ++i;
            else if (c == '"')
                inString = false;
            continue;
        }
        switch (c) {
        case '"': inString = true; break;
        case '[':
        case '{':
            if (++depth > maxDepth)
                return qint64(i);
            break;
        case ']':
        case '}': --depth; break;
        default: break;
        }
    }
    return -1;
}

} // namespace reverie
