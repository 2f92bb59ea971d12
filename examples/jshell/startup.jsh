// Propensity JShell startup: imports only. Use with
//   jshell --class-path "$(./propensity --classpath)" --startup DEFAULT --startup examples/jshell/startup.jsh
import java.nio.file.*;
import java.time.*;
import dev.propensity.core.*;
import dev.propensity.core.io.*;
import dev.propensity.features.*;
import dev.propensity.model.*;
import dev.propensity.metrics.*;
import dev.propensity.viz.*;
import dev.propensity.pipeline.*;
import dev.propensity.pipeline.report.*;
import dev.propensity.live.*;
import dev.propensity.examples.*;
