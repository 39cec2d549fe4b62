using YamlDotNet.RepresentationModel;

namespace Allocator.Tests.Sweeps;

/// <summary>
/// deploy/sweep-job.yaml and sweep-volume.yaml cannot be applied here (no cluster, no Docker); it is parsed and held to the shard
/// contract instead: an Indexed Job whose shard count matches its completions, writing into a shared volume.
/// </summary>
public class DeployManifestTests
{
    internal static string Repository()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Allocator.sln"))) return dir.FullName;
        throw new InvalidOperationException("the repository root (with Allocator.sln) is not above the test assembly");
    }

    private static YamlNode At(YamlNode node, params string[] keys) =>
        keys.Aggregate(node, (n, key) => ((YamlMappingNode)n).Children[new YamlScalarNode(key)]);

    private static string Scalar(YamlNode node, params string[] keys) => ((YamlScalarNode)At(node, keys)).Value!;

    [Fact]
    public void SweepJob_IsAnIndexedJob_WithShardsEqualToCompletions_AndASharedVolume()
    {
        var documents = Load("sweep-job.yaml").Concat(Load("sweep-volume.yaml")).ToList();
        var claim = Assert.Single(documents, d => Scalar(d, "kind") == "PersistentVolumeClaim");
        var job = Assert.Single(documents, d => Scalar(d, "kind") == "Job");
        var files = Assert.Single(documents, d => Scalar(d, "kind") == "Pod");

        Assert.Equal("batch/v1", Scalar(job, "apiVersion"));
        Assert.Equal("Indexed", Scalar(job, "spec", "completionMode"));
        Assert.Equal("ReadWriteMany", ((YamlScalarNode)((YamlSequenceNode)At(claim, "spec", "accessModes")).Single()).Value);
        var pod = At(job, "spec", "template", "spec");
        var container = (YamlMappingNode)((YamlSequenceNode)At(pod, "containers")).Single();
        var args = ((YamlSequenceNode)At(container, "args")).Select(a => ((YamlScalarNode)a).Value).ToList();
        var shards = ((YamlSequenceNode)At(container, "env")).Cast<YamlMappingNode>().Single(e => Scalar(e, "name") == "ALLOCATOR_SWEEP_SHARDS");
        Assert.Equal(Scalar(job, "spec", "completions"), Scalar(shards, "value"));
        Assert.Equal("sweep", args[0]);
        Assert.DoesNotContain("--shard", args); // JOB_COMPLETION_INDEX picks each pod's shard
        var output = args[args.IndexOf("-o") + 1]!;
        var mount = ((YamlSequenceNode)At(container, "volumeMounts")).Cast<YamlMappingNode>().Single();
        Assert.StartsWith(Scalar(mount, "mountPath") + "/", output);
        var volume = ((YamlSequenceNode)At(pod, "volumes")).Cast<YamlMappingNode>().Single(v => Scalar(v, "name") == Scalar(mount, "name"));
        Assert.Equal(Scalar(claim, "metadata", "name"), Scalar(volume, "persistentVolumeClaim", "claimName"));
        Assert.Equal("Never", Scalar(pod, "restartPolicy"));
        // The files pod mounts the same claim at the same place, so `sweep gather` there sees the pods' output.
        var filesMount = ((YamlSequenceNode)At((YamlMappingNode)((YamlSequenceNode)At(files, "spec", "containers")).Single(), "volumeMounts")).Cast<YamlMappingNode>().Single();
        Assert.Equal(Scalar(mount, "mountPath"), Scalar(filesMount, "mountPath"));
        var filesVolume = ((YamlSequenceNode)At(files, "spec", "volumes")).Cast<YamlMappingNode>().Single(v => Scalar(v, "name") == Scalar(filesMount, "name"));
        Assert.Equal(Scalar(claim, "metadata", "name"), Scalar(filesVolume, "persistentVolumeClaim", "claimName"));
    }

    private static IEnumerable<YamlNode> Load(string name)
    {
        var stream = new YamlStream();
        using (var reader = new StreamReader(Path.Combine(Repository(), "deploy", name)))
            stream.Load(reader);
        return stream.Documents.Select(d => d.RootNode);
    }
}
