package org.instancecap.cli;

import java.nio.file.Path;
import org.instancecap.core.amc.VideoAnalysis;
import org.instancecap.core.llm.TokenTally;
import org.instancecap.core.pose.Keypoint;
import org.instancecap.core.pose.PersonFacts;
import org.instancecap.core.pose.PoseTrack;
import org.instancecap.core.spec.RunSpec;
import org.instancecap.core.stage.Stages;

/** Not a test: prints each person's keypoint track of the clips given, to design and check the action rules. */
public final class PeopleDump {
    public static void main(String[] args) {
        try (Stages stages = new Stages(RunSpec.DEFAULT, new TokenTally())) {
            for (String a : args) {
                long t0 = System.nanoTime();
                VideoAnalysis analysis = stages.cluster().analyse(Path.of(a));
                System.out.printf("== %s %.2fs camera=%s%n", a, (System.nanoTime() - t0) / 1e9, analysis.result().camera().label());
                for (PersonFacts p : analysis.people().facts()) {
                    System.out.println("person " + p.instance() + " actions=" + p.actions() + " clothing=" + p.clothing());
                    for (PoseTrack.Step s : p.track()) {
                        StringBuilder b = new StringBuilder(String.format("  t=%.2f %s box=%.0f,%.0f,%.0f,%.0f n=%d", s.time(), s.sampled() ? "S" : "b",
                                s.box().x1(), s.box().y1(), s.box().x2(), s.box().y2(), s.pose().keypoints().size()));
                        for (Keypoint k : s.pose().keypoints()) {
                            b.append(String.format(" %s=%.0f,%.0f", abbreviation(k.name()), k.x(), k.y()));
                        }
                        System.out.println(b);
                    }
                }
            }
        }
    }

    private static String abbreviation(String name) {
        return name.replace("left_", "L").replace("right_", "R").replace("shoulder", "sh").replace("elbow", "el").replace("wrist", "wr")
                .replace("ankle", "an").replace("knee", "kn");
    }
}
