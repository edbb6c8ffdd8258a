import os
import sys

# ``python -m lintnews`` puts the working directory first on sys.path, and the working
# directory is the repository being linted: its modules and its ``*.dist-info`` entry points
# (plugins) would be imported. lintnews imports nothing from it (see "Trust model").
if sys.path and not sys.flags.safe_path and sys.path[0] in ("", os.getcwd()):
    del sys.path[0]

from .cli import main  # noqa: E402 - after the path is made safe

sys.exit(main())
