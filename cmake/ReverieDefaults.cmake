# One INTERFACE target carries the project's warnings and Qt safety defines; every
# target of ours links it, so the policy lives in exactly one place.
add_library(reverie_defaults INTERFACE)
target_compile_options(reverie_defaults INTERFACE
    -Wall -Wextra -Wpedantic -Wnon-virtual-dtor
    $<$<CXX_COMPILER_ID:GNU>:-Wshadow=local>          # clang (the fuzz build) spells it differently
    $<$<CXX_COMPILER_ID:Clang>:-Wshadow-uncaptured-local>)
if(REVERIE_WERROR)
    target_compile_options(reverie_defaults INTERFACE -Werror)
endif()
target_compile_definitions(reverie_defaults INTERFACE
    QT_NO_CAST_FROM_ASCII
    QT_NO_CAST_TO_ASCII
    QT_NO_CONTEXTLESS_CONNECT
    QT_NO_URL_CAST_FROM_STRING
    QT_NO_NARROWING_CONVERSIONS_IN_CONNECT
    QT_DISABLE_DEPRECATED_UP_TO=0x060400)
if(REVERIE_SANITIZE)
    target_compile_options(reverie_defaults INTERFACE
        -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
    target_link_options(reverie_defaults INTERFACE -fsanitize=address,undefined)
endif()
if(REVERIE_FUZZ)
    # Instrument everything for coverage; the harnesses add the fuzzer main when they link.
    target_compile_options(reverie_defaults INTERFACE
        -fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer)
    target_link_options(reverie_defaults INTERFACE -fsanitize=address,undefined)
endif()
