package org.instancecap.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.instancecap.vision.model.HumanModels;
import org.instancecap.vision.model.NanoDetModels;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "setup", mixinStandardHelpOptions = true,
        description = {"Fetch the built-in models once (with npm pack, checksum-verified) into ~/.cache/instancecap/models "
                + "or $INSTANCECAP_MODELS: the default COCO detector (centernet, from " + HumanModels.PACKAGE + "@"
                + HumanModels.VERSION + "), and with --detector nanodet the NanoDet one (from " + NanoDetModels.PACKAGE + "@"
                + NanoDetModels.VERSION + ", a 145 MB package). Other commands do it on first use too."})
final class SetupCommand implements Callable<Integer> {

    @Option(names = "--detector", defaultValue = "centernet", split = ",", paramLabel = "NAME",
            description = "Whose model to fetch: centernet, nanodet, or both as centernet,nanodet (default: ${DEFAULT-VALUE}).")
    List<String> detectors;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        for (String detector : detectors) {
            boolean had;
            Path dir;
            switch (detector) {
                case "centernet" -> {
                    HumanModels models = HumanModels.atDefaultLocation();
                    had = models.present();
                    dir = models.ensure();
                }
                case "nanodet" -> {
                    var models = NanoDetModels.atDefaultLocation();
                    had = models.present();
                    dir = models.ensure();
                }
                default -> throw new ParameterException(spec.commandLine(), "no built-in model for detector '" + detector
                        + "'; built in: centernet, nanodet");
            }
            spec.commandLine().getOut().println(detector + (had ? ": models already in " : ": models ready in ") + dir);
        }
        return 0;
    }
}
