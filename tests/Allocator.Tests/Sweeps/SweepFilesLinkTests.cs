using System.Text;
using Allocator.Sweeps;

namespace Allocator.Tests.Sweeps;

/// <summary>
/// Sweep outputs keep the CLI's rule for files (issue: an output onto a link replaced the link with a regular file):
/// a link is followed and the file it names is replaced; a dangling link creates its target; a folder is refused.
/// </summary>
public class SweepFilesLinkTests
{
    [Fact]
    public void WriteAtomically_ThroughASymlink_ReplacesTheTargetAndKeepsTheLink()
    {
        var dir = Directory.CreateTempSubdirectory("sweep-link-");
        try
        {
            var target = Path.Combine(dir.FullName, "target.json");
            File.WriteAllText(target, "old");
            var link = Path.Combine(dir.FullName, "link.json");
            File.CreateSymbolicLink(link, "target.json");

            SweepFiles.WriteAtomically(link, Encoding.UTF8.GetBytes("new"));

            Assert.NotNull(new FileInfo(link).LinkTarget);
            Assert.Equal("new", File.ReadAllText(target));
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void WriteAtomically_ThroughADanglingSymlink_CreatesTheTarget()
    {
        var dir = Directory.CreateTempSubdirectory("sweep-link-");
        try
        {
            var link = Path.Combine(dir.FullName, "link.json");
            File.CreateSymbolicLink(link, "missing.json");

            SweepFiles.WriteAtomically(link, Encoding.UTF8.GetBytes("new"));

            Assert.NotNull(new FileInfo(link).LinkTarget);
            Assert.Equal("new", File.ReadAllText(Path.Combine(dir.FullName, "missing.json")));
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void WriteAtomically_OntoAFolder_IsRefused()
    {
        var dir = Directory.CreateTempSubdirectory("sweep-link-");
        try
        {
            Assert.Throws<SweepFolderException>(() => SweepFiles.WriteAtomically(dir.FullName, Encoding.UTF8.GetBytes("x")));
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
