# Sourced by scripts/sanitize.sh and scripts/fuzz.sh: the sanitizer runtime options and the
# configuration of the shared sanitizer/fuzz build folder.
SANITIZER_DIR="$ROOT/scripts/sanitizers"
# halt_on_error: the first report ends the process (a test fails, the fuzzer keeps the input).
# detect_leaks=1: LeakSanitizer runs at exit; memory the third-party libraries keep for the whole
# process and never free is suppressed by frame in lsan.supp (each entry says why), never ours.
# check_initialization_order: static initialisers that read another file's globals are errors.
export ASAN_OPTIONS="${ASAN_OPTIONS:-halt_on_error=1:detect_leaks=1:check_initialization_order=1:strict_init_order=1:detect_stack_use_after_return=1:allocator_may_return_null=1}"
export LSAN_OPTIONS="${LSAN_OPTIONS:-suppressions=$SANITIZER_DIR/lsan.supp:print_suppressions=0}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1:suppressions=$SANITIZER_DIR/ubsan.supp}"
export CCACHE_DIR="${CCACHE_DIR:-$HOME/.cache/ccache}"
export CCACHE_BASEDIR="${CCACHE_BASEDIR:-$ROOT}"
export CCACHE_NOHASHDIR=1
export CCACHE_SLOPPINESS="${CCACHE_SLOPPINESS:-pch_defines,time_macros,include_file_mtime,include_file_ctime}"

# radsynth_configure_sanitize_build DIR: Clang (with the libFuzzer harnesses) when installed,
# else the default compiler with the sanitizers only. RelWithDebInfo: optimised, with line numbers
# in every report.
radsynth_configure_sanitize_build() {
  local dir="$1"
  [[ -f "$dir/build.ninja" ]] && return 0
  local args=(-G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DRADSYNTH_SANITIZE=ON)
  if command -v clang++ >/dev/null && command -v clang >/dev/null; then
    args+=(-DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++ -DRADSYNTH_FUZZ=ON)
  fi
  cmake -S "$ROOT" -B "$dir" "${args[@]}"
}
