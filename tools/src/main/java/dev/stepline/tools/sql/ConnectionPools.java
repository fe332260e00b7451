package dev.stepline.tools.sql;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.stepline.tools.ToolsConfig;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * HikariCP pools by connection key, kept across calls so that a warm Lambda container or a local
 * run reuses connections. At most {@code maxPools} stay open; the least recently used one closes
 * when another is needed.
 */
final class ConnectionPools implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ConnectionPools.class);
  private static final AtomicInteger POOL_NUMBER = new AtomicInteger();

  private final ToolsConfig config;
  private final LinkedHashMap<String, HikariDataSource> pools =
      new LinkedHashMap<>(16, 0.75f, true);

  ConnectionPools(ToolsConfig config) {
    this.config = config;
  }

  /**
   * Returns the pool for the settings, opening it first if needed. Opening connects once, so bad
   * credentials fail here and no pool is kept for them.
   */
  synchronized DataSource pool(ConnectionSettings settings) {
    String key = settings.poolKey();
    HikariDataSource pool = pools.get(key);
    if (pool != null) {
      return pool;
    }
    pool = new HikariDataSource(hikariConfig(settings));
    pools.put(key, pool);
    evictOverflow();
    return pool;
  }

  private HikariConfig hikariConfig(ConnectionSettings settings) {
    HikariConfig hikari = new HikariConfig();
    hikari.setPoolName("stepline-db-" + POOL_NUMBER.incrementAndGet());
    hikari.setDriverClassName(settings.engine().driverClass);
    hikari.setJdbcUrl(settings.jdbcUrl());
    hikari.setUsername(settings.user());
    hikari.setPassword(settings.password());
    settings.options().forEach(hikari::addDataSourceProperty);
    hikari.setMaximumPoolSize(config.maxPoolSize());
    hikari.setMinimumIdle(0);
    hikari.setConnectionTimeout(Math.max(250, config.databaseConnectTimeout().toMillis()));
    hikari.setInitializationFailTimeout(1);
    hikari.setReadOnly(settings.readOnly());
    if (settings.readOnly() && settings.engine() == ConnectionSettings.Engine.POSTGRESQL) {
      // pgjdbc applies setReadOnly only inside explicit transactions unless readOnlyMode is
      // "always"; statements run in autocommit mode here.
      hikari.addDataSourceProperty("readOnlyMode", "always");
    }
    if (settings.readOnly() && settings.engine() == ConnectionSettings.Engine.MARIADB) {
      // MariaDB Connector/J sends nothing for setReadOnly outside replication setups, so the
      // session itself is made read-only.
      hikari.setConnectionInitSql("SET SESSION TRANSACTION READ ONLY");
    }
    return hikari;
  }

  private void evictOverflow() {
    Iterator<Map.Entry<String, HikariDataSource>> eldest = pools.entrySet().iterator();
    while (pools.size() > config.maxPools() && eldest.hasNext()) {
      HikariDataSource pool = eldest.next().getValue();
      eldest.remove();
      LOG.info(
          "Closing database pool {}, the least recently used of {}",
          pool.getPoolName(),
          config.maxPools() + 1);
      pool.close();
    }
  }

  synchronized int size() {
    return pools.size();
  }

  @Override
  public synchronized void close() {
    pools.values().forEach(HikariDataSource::close);
    pools.clear();
  }
}
