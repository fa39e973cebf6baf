package io.skirmish.containers;

import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.command.InspectImageResponse;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.utility.DockerImageName;

/**
 * The images under test, by short name ({@code game-server}, {@code redis}, ...): tagged
 * {@code skirmish-<name>:<version>} by the Maven build (profile {@code images}). They are never
 * pulled: a missing image fails the test with the command that builds it.
 */
final class SkirmishImages {

    static final String TAG = System.getProperty("skirmish.image.tag", "latest");

    private SkirmishImages() {
    }

    static DockerImageName named(String name) {
        String image = "skirmish-" + name + ":" + TAG;
        inspect(image);
        return DockerImageName.parse(image);
    }

    static long sizeBytes(String name) {
        return inspect("skirmish-" + name + ":" + TAG).getSize();
    }

    private static InspectImageResponse inspect(String image) {
        try {
            return DockerClientFactory.instance().client().inspectImageCmd(image).exec();
        } catch (NotFoundException e) {
            throw new IllegalStateException("image " + image + " is not built: run `mvn -Pimages package -DskipTests` "
                    + "(with -Dimage.base=skirmish-base:bookworm-jre17 after deploy/images/base-image.sh "
                    + "on a machine without an image registry)", e);
        }
    }
}
