package org.tapservice.api;

import java.util.Arrays;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.tapservice.api.admin.AdminApplication;

/**
 * The TAP service. {@code java -jar tap-service.jar} serves HTTP; {@code java -jar
 * tap-service.jar admin ...} runs an archive administration command with the same
 * configuration and exits.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class TapApplication {

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("admin")) {
            System.exit(AdminApplication.run(Arrays.copyOfRange(args, 1, args.length)));
        }
        SpringApplication.run(TapApplication.class, args);
    }
}
