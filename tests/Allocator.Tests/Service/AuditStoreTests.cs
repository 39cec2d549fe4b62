using System.Net;
using Allocator.Service;
using Allocator.Service.Audit;

namespace Allocator.Tests.Service;

/// <summary>The audit store's contract, checked on SQLite and on PostgreSQL alike.</summary>
public sealed class AuditStoreTests
{
    [Fact]
    public async Task Sqlite_store_keeps_the_contract()
    {
        var path = Path.Combine(Path.GetTempPath(), $"allocator-store-{Guid.NewGuid():N}.db");
        try
        {
            await using (var store = new SqliteAuditStore(path))
                await StoreChecks.All(store, () => new SqliteAuditStore(path));
        }
        finally
        {
            foreach (var file in new[] { path, path + "-wal", path + "-shm" }) File.Delete(file);
        }
    }

    /// <summary>A database written before the lanes (no 'lane' column) opens, keeps its rows, and takes new ones.</summary>
    [Fact]
    public async Task Sqlite_database_of_an_earlier_version_is_brought_up_to_date()
    {
        var path = Path.Combine(Path.GetTempPath(), $"allocator-store-{Guid.NewGuid():N}.db");
        try
        {
            await using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={path};Pooling=False"))
            {
                await connection.OpenAsync();
                await using var command = connection.CreateCommand();
                command.CommandText = """
                    CREATE TABLE allocations (seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE, name TEXT, received TEXT NOT NULL,
                        input_sha256 TEXT NOT NULL, engine_version TEXT NOT NULL, request BLOB NOT NULL, status TEXT NOT NULL, attempts INTEGER NOT NULL,
                        started TEXT, finished TEXT, duration_ms REAL, value REAL, committed REAL, result TEXT, error TEXT);
                    INSERT INTO allocations (id, name, received, input_sha256, engine_version, request, status, attempts, result)
                        VALUES ('aaaaaaaaaaaaaaaaaaaaaaaaaa', 'old', '2025-01-01T00:00:00.0000000Z', 'x', '0.9', x'7b7d', 'optimal', 1, '{}');
                    """;
                await command.ExecuteNonQueryAsync();
            }
            await using (var store = new SqliteAuditStore(path))
            {
                Assert.Equal(0, await store.InitializeAsync(DateTimeOffset.UtcNow, default));
                Assert.Equal(0, await store.InitializeAsync(DateTimeOffset.UtcNow, default)); // the migration runs once
                var id = AllocationIds.New();
                await store.AddAsync(new NewAllocation(id, "new", DateTimeOffset.UtcNow, "y", "1.0", [1, 2], SolveLanes.LargeName), default);
                Assert.Equal(["new", "old"], (await store.ListAsync(10, null, default))!.Select(a => a.Name));
                Assert.Equal("{}", await store.GetResultAsync("aaaaaaaaaaaaaaaaaaaaaaaaaa", default));
            }
        }
        finally
        {
            foreach (var file in new[] { path, path + "-wal", path + "-shm" }) File.Delete(file);
        }
    }

    [Fact]
    public async Task Sqlite_database_is_created_in_wal_mode()
    {
        var path = Path.Combine(Path.GetTempPath(), $"allocator-store-{Guid.NewGuid():N}.db");
        try
        {
            await using (var store = new SqliteAuditStore(path))
                await store.InitializeAsync(DateTimeOffset.UtcNow, default);
            await using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={path};Pooling=False");
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA journal_mode";
            Assert.Equal("wal", (string?)await command.ExecuteScalarAsync());
        }
        finally
        {
            foreach (var file in new[] { path, path + "-wal", path + "-shm" }) File.Delete(file);
        }
    }

    [PostgresFact]
    public async Task Postgres_store_keeps_the_contract()
    {
        var (store, schema) = await TestPostgres.CreateStoreAsync();
        await using (schema)
        await using (store)
            await StoreChecks.All(store, () => new PostgresAuditStore(schema.ConnectionString));
    }

    [PostgresFact]
    public async Task Service_endpoints_work_on_postgres()
    {
        var (store, schema) = await TestPostgres.CreateStoreAsync();
        await using (schema)
        await using (store)
        {
            await store.InitializeAsync(DateTimeOffset.UtcNow, default);
            await using var service = await TestService.StartAsync(store: store);
            var request = TestService.Example("ukraine-2024.json");
            using var created = await service.Client.PostAsync("/v1/allocations", TestService.Json(request));
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            var id = TestService.IdFrom(created);
            using var fetched = await service.Client.GetAsync($"/v1/allocations/{id}");
            Assert.Equal(await created.Content.ReadAsStringAsync(), await fetched.Content.ReadAsStringAsync());
            Assert.Equal(request, await service.Client.GetByteArrayAsync($"/v1/allocations/{id}/request"));
            var list = await service.Client.GetStringAsync("/v1/allocations?limit=5");
            Assert.Contains(id, list);
        }
    }
}

/// <summary>Checks any <see cref="IAuditStore"/>; the store must be empty.</summary>
internal static class StoreChecks
{
    public static async Task All(IAuditStore store, Func<IAuditStore> reopen)
    {
        var t0 = new DateTimeOffset(2025, 1, 2, 3, 4, 5, 678, TimeSpan.Zero).AddMicroseconds(9); // PostgreSQL keeps microseconds
        Assert.Equal(0, await store.InitializeAsync(t0, default));
        Assert.Equal(0, await store.InitializeAsync(t0, default)); // idempotent

        // Bytes that are not what a JSON round trip would give back: a BOM, odd spacing, a non-ASCII name.
        var bytes = new byte[] { 0xEF, 0xBB, 0xBF }.Concat("{ \"name\" : \"Kyïv\\u0027s\"  }\r\n"u8.ToArray()).ToArray();
        var ids = Enumerable.Range(0, 5).Select(_ => AllocationIds.New()).ToList();
        for (var i = 0; i < ids.Count; i++)
            await store.AddAsync(new NewAllocation(ids[i], i == 0 ? null : $"request {i}", t0.AddSeconds(i), new string('a', 64), "1.0.0", bytes), default);

        Assert.Equal(bytes, await store.GetRequestAsync(ids[0], default));
        Assert.Null(await store.GetRequestAsync(AllocationIds.New(), default));
        Assert.Null(await store.GetSummaryAsync(AllocationIds.New(), default));
        Assert.Null(await store.GetResultAsync(ids[0], default));

        var queued = (await store.GetSummaryAsync(ids[1], default))!;
        Assert.Equal((ids[1], "request 1", AllocationStatus.Queued, 1, "1.0.0"), (queued.Id, queued.Name, queued.Status, queued.Attempts, queued.EngineVersion));
        Assert.Equal(t0.AddSeconds(1), queued.Received);
        Assert.Null((await store.GetSummaryAsync(ids[0], default))!.Name);

        // A solved one.
        await store.MarkRunningAsync(ids[1], t0.AddSeconds(10), default);
        Assert.Equal(AllocationStatus.Running, (await store.GetSummaryAsync(ids[1], default))!.Status);
        const string result = "{\n  \"status\": \"optimal\"\n}\n";
        await store.CompleteAsync(ids[1], new Completion("optimal", t0.AddSeconds(10), t0.AddSeconds(12.5), "1.0.1", result, 57.5, 1e9 + 0.25), default);
        var solved = (await store.GetSummaryAsync(ids[1], default))!;
        Assert.Equal(("optimal", 57.5, 1e9 + 0.25, 2500.0, "1.0.1"), (solved.Status, solved.Value!.Value, solved.Committed!.Value, solved.DurationMs!.Value, solved.EngineVersion));
        Assert.Equal((t0.AddSeconds(10), t0.AddSeconds(12.5)), (solved.Started!.Value, solved.Finished!.Value));
        Assert.Equal(result, await store.GetResultAsync(ids[1], default));
        Assert.False(await store.TryRequeueAsync(ids[1], t0, default));

        // A failed one is requeued once, however many ask at the same time.
        await store.MarkRunningAsync(ids[2], t0, default);
        await store.CompleteAsync(ids[2], new Completion(AllocationStatus.Failed, t0, t0, "1.0.0", Error: "boom"), default);
        var requeues = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => store.TryRequeueAsync(ids[2], t0.AddMinutes(1), default)));
        Assert.Single(requeues, true);
        var requeued = (await store.GetSummaryAsync(ids[2], default))!;
        Assert.Equal((AllocationStatus.Queued, 2, (string?)null, (DateTimeOffset?)null), (requeued.Status, requeued.Attempts, requeued.Error, requeued.Started));

        // Paging, newest first.
        var page = (await store.ListAsync(2, null, default))!;
        Assert.Equal([ids[4], ids[3]], page.Select(s => s.Id));
        Assert.Equal([ids[2], ids[1]], (await store.ListAsync(2, ids[3], default))!.Select(s => s.Id));
        Assert.Equal([ids[0]], (await store.ListAsync(2, ids[1], default))!.Select(s => s.Id));
        Assert.Null(await store.ListAsync(2, AllocationIds.New(), default));

        // Concurrent writers do not lose anything.
        var more = Enumerable.Range(0, 20).Select(_ => AllocationIds.New()).ToList();
        await Task.WhenAll(more.Select(id => Task.Run(async () =>
        {
            await store.AddAsync(new NewAllocation(id, "parallel", t0, new string('b', 64), "1.0.0", bytes), default);
            await store.MarkRunningAsync(id, t0, default);
        })));
        Assert.Equal(25, (await store.ListAsync(100, null, default))!.Count);

        // With a shared queue, a restart leaves unfinished work alone: it belongs to the instances that hold leases on
        // it, and SharedQueueTests show what happens when a lease expires.
        if (store is ISharedQueue)
        {
            await using var joined = reopen();
            Assert.Equal(0, await joined.InitializeAsync(t0.AddHours(1), default));
            Assert.Equal(24, (await joined.ListAsync(100, null, default))!.Count(s => AllocationStatus.InProgress(s.Status)));
            return;
        }

        // A restart marks every queued or running allocation interrupted, with an event, and keeps the rest.
        await using (var restarted = reopen())
        {
            var t1 = t0.AddHours(1);
            Assert.Equal(24, await restarted.InitializeAsync(t1, default)); // all but the solved one
            var all = (await restarted.ListAsync(100, null, default))!;
            Assert.Equal(24, all.Count(s => s.Status == AllocationStatus.Interrupted));
            Assert.Equal("optimal", all.Single(s => s.Id == ids[1]).Status);
            Assert.Equal(result, await restarted.GetResultAsync(ids[1], default));
            Assert.Equal(bytes, await restarted.GetRequestAsync(ids[4], default));

            var events = await restarted.GetEventsAsync(ids[2], default);
            Assert.Equal(
                [AllocationStatus.Queued, AllocationStatus.Running, AllocationStatus.Failed, AllocationStatus.Queued, AllocationStatus.Interrupted],
                events.Select(e => e.Status));
            Assert.Equal(t1, events[^1].At);
            Assert.Equal("boom", events[2].Detail);
            Assert.True(await restarted.TryRequeueAsync(ids[2], t1, default));
        }
    }
}
