// edera-guard entry point: hands the command line to the CLI (engine/cli/app.h).
#include <string>
#include <vector>

#include "engine/cli/app.h"

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  return eg::cli::run_app(args, EG_VERSION);
}
