package dev.propensity.model;

/**
 * Makes a trainer for a seed: what the registry in {@link Trainers} holds under each name, and what the command's
 * {@code --model NAME} option turns into. The seed makes a whole run repeatable; a trainer with no randomness may
 * ignore it.
 *
 * <pre>{@code
 * TrainerFactory mine = seed -> new MyTrainer(seed);
 * Trainers.register("mine", mine);
 * ModelTrainer t = Trainers.factory("mine").create(42);
 * }</pre>
 */
@FunctionalInterface
public interface TrainerFactory {
    /**
     * A trainer configured with a seed.
     *
     * @param seed the seed for everything random in training (sampling, initial values, folds of inner models)
     * @return a new trainer; never {@code null}
     */
    ModelTrainer create(long seed);
}
