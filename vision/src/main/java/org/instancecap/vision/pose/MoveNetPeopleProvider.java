package org.instancecap.vision.pose;

import java.nio.file.Path;
import java.util.Optional;
import org.instancecap.core.pose.FaceAnalyser;
import org.instancecap.core.pose.PeopleAnalyser;
import org.instancecap.core.pose.PersonAnalysis;
import org.instancecap.core.stage.BuiltInModels;
import org.instancecap.core.stage.PeopleAnalyserProvider;
import org.instancecap.vision.model.MoveNetModels;

/** The {@code movenet} people analysis: {@link PersonAnalysis} on MoveNet Lightning. */
public final class MoveNetPeopleProvider implements PeopleAnalyserProvider {

    @Override
    public String name() {
        return "movenet";
    }

    @Override
    public PeopleAnalyser create() {
        return new PersonAnalysis(TfjsMoveNetPoseEstimator.builtIn(), FaceAnalyser.NONE, null);
    }

    @Override
    public Optional<BuiltInModels> builtInModels() {
        return Optional.of(new BuiltInModels() {
            @Override
            public boolean present() {
                return MoveNetModels.atDefaultLocation().present();
            }

            @Override
            public Path ensure() {
                return MoveNetModels.atDefaultLocation().ensure();
            }
        });
    }
}
