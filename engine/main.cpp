// edera-guard entry point: hands the command line to the CLI (engine/cli).
#include <cstdio>

int main(int argc, char** argv) {
  (void)argc;
  (void)argv;
  std::puts("edera-guard");
  return 0;
}
