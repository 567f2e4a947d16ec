package dev.threadlocal.hygiene;

import java.util.ArrayList;
import java.util.List;

import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * {@link ThreadStateGuard} of Spring's {@link TransactionSynchronizationManager}: bound
 * resources, active synchronization and the current transaction's name, which a
 * transaction manager binds and unbinds around each transaction. Resources are reported
 * by the class of their key (a {@code DataSource}, for example), never by the key itself.
 *
 * @since 0.1.0
 */
public class TransactionSynchronizationGuard implements ThreadStateGuard {

	/**
	 * Name of this guard.
	 */
	public static final String NAME = "transaction-synchronization";

	@Override
	public String getName() {
		return NAME;
	}

	@Override
	public boolean isPresent() {
		return !TransactionSynchronizationManager.getResourceMap().isEmpty()
				|| TransactionSynchronizationManager.isSynchronizationActive()
				|| TransactionSynchronizationManager.getCurrentTransactionName() != null;
	}

	@Override
	public List<String> presentKeys() {
		List<String> keys = new ArrayList<>();
		for (Object key : TransactionSynchronizationManager.getResourceMap().keySet()) {
			keys.add("resource:" + key.getClass().getName());
		}
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			keys.add("synchronization");
		}
		if (TransactionSynchronizationManager.getCurrentTransactionName() != null) {
			keys.add("transaction-name");
		}
		return keys;
	}

	@Override
	public void clear() {
		for (Object key : new ArrayList<>(TransactionSynchronizationManager.getResourceMap().keySet())) {
			TransactionSynchronizationManager.unbindResourceIfPossible(key);
		}
		TransactionSynchronizationManager.clear();
	}

}
