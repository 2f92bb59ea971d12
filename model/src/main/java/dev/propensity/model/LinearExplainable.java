package dev.propensity.model;

import dev.propensity.features.FeatureTable;
import java.util.Map;

/**
 * A model whose log-odds are a weighted sum of encoded inputs, so its coefficients can be read and each
 * prediction split into per-feature contributions.
 */
public interface LinearExplainable {

    /**
     * The coefficients by encoded input name ({@code PageValues}, {@code Month=Nov}, {@code ExitRates:bin3}), in
     * input order. Inputs are on the encoded scale: standardised numeric values and 0/1 indicators, so
     * coefficients of standardised inputs are comparable with each other. A model with a segment gate (see
     * {@link LogisticConfig#gate()}) also has gated inputs such as {@code [PageValues!=0]*ExitRates}, whose
     * coefficients add to the plain ones for sessions where the gate feature is non-zero.
     *
     * @return an unmodifiable ordered map
     */
    Map<String, Double> coefficients();

    /**
     * The raw feature an input of {@link #coefficients()} comes from (for a gated input such as
     * {@code [PageValues!=0]*ExitRates}, the feature it multiplies: {@code ExitRates}).
     *
     * @param input an input name, a key of {@link #coefficients()}
     * @return the raw feature's name in the model's schema
     * @throws IllegalArgumentException when the model has no such input
     */
    String sourceFeature(String input);

    /** The intercept (log-odds when every encoded input is 0). */
    double intercept();

    /**
     * Splits one row's log-odds into the contribution of each raw feature: the sum of coefficient times encoded
     * value over the inputs that come from that feature.
     *
     * @param table the table
     * @param row   the row index
     * @return the explanation
     * @throws IllegalArgumentException when the table's schema does not match the model's
     */
    Explanation explain(FeatureTable table, int row);
}
