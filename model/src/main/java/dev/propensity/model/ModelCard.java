package dev.propensity.model;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * What a model is and how it came about: a light version of Tribuo's model provenance, saved with the model.
 *
 * @param libraryVersion     the Propensity version that trained it
 * @param trainer            the trainer's name, e.g. {@code logistic}
 * @param config             the trainer's settings by name, in a stable order
 * @param trainingRows       the number of training rows
 * @param trainingPositives  the number of training rows that purchased
 * @param seed               the training seed
 * @param trainedAt          when training finished
 * @param trainSeconds       how long training took, in seconds
 * @param evaluationProtocol how the evaluation figures were obtained ({@code EvaluationProtocol.describe()}), or
 *                           the empty string when none are known
 * @param evaluation         evaluation figures by name (e.g. {@code rocAuc}); empty when none are known
 */
public record ModelCard(String libraryVersion, String trainer, Map<String, String> config, int trainingRows,
                        int trainingPositives, long seed, Instant trainedAt, double trainSeconds,
                        String evaluationProtocol, Map<String, Double> evaluation) {

    /** Validates and copies the maps (keeping their order). */
    public ModelCard {
        Objects.requireNonNull(libraryVersion, "libraryVersion");
        Objects.requireNonNull(trainer, "trainer");
        Objects.requireNonNull(trainedAt, "trainedAt");
        Objects.requireNonNull(evaluationProtocol, "evaluationProtocol");
        config = Collections.unmodifiableMap(new LinkedHashMap<>(config));
        evaluation = Collections.unmodifiableMap(new LinkedHashMap<>(evaluation));
        if (trainingRows < 0 || trainingPositives < 0 || trainingPositives > trainingRows) {
            throw new IllegalArgumentException("training positives must be in [0, rows], were " + trainingPositives
                    + " of " + trainingRows);
        }
    }

    /**
     * A card for a model just trained, without evaluation figures.
     *
     * @param trainer      the trainer's name
     * @param config       the settings
     * @param rows         training rows
     * @param positives    training positives
     * @param seed         the seed
     * @param trainSeconds training time in seconds
     * @return the card, stamped with the current time and library version
     */
    public static ModelCard trained(String trainer, Map<String, String> config, int rows, int positives, long seed,
                                    double trainSeconds) {
        return new ModelCard(LibraryVersion.get(), trainer, config, rows, positives, seed, Instant.now(),
                trainSeconds, "", Map.of());
    }

    /**
     * This card with evaluation figures.
     *
     * @param protocol how they were obtained
     * @param figures  the figures by name
     * @return a new card
     */
    public ModelCard withEvaluation(String protocol, Map<String, Double> figures) {
        return new ModelCard(libraryVersion, trainer, config, trainingRows, trainingPositives, seed, trainedAt,
                trainSeconds, protocol, figures);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        sb.append("ModelCard[").append(trainer).append(", propensity ").append(libraryVersion).append("]\n");
        sb.append("  trained   ").append(trainedAt).append(String.format(Locale.ROOT, " in %.2f s", trainSeconds))
                .append(" on ").append(trainingRows).append(" rows (").append(trainingPositives)
                .append(" purchases), seed ").append(seed).append('\n');
        sb.append("  config    ").append(config).append('\n');
        if (!evaluation.isEmpty()) {
            sb.append("  evaluated ").append(evaluationProtocol).append('\n');
            for (Map.Entry<String, Double> e : evaluation.entrySet()) {
                sb.append(String.format(Locale.ROOT, "    %-14s %.4f%n", e.getKey(), e.getValue()));
            }
        }
        return sb.toString();
    }
}
