package io.aleph4j.api.incubating;

import io.aleph4j.api.Experimental;
import java.math.BigDecimal;

/** Token balances of addresses on a chain. */
@Experimental("shaped by the balances work")
public interface BalanceSource {

    /** The address's balance in whole tokens. */
    BigDecimal balanceOf(String address) throws Exception;
}
