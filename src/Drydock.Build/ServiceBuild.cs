using Drydock.Engine;

namespace Drydock.Build;

/// <summary>
/// The build of a .NET service, as a package: Compile → Test → Publish → BuildImage → TagImage → PushImage → ShipImage →
/// Deploy, plus Rollback, Status, History and Watch. A repository's build/Build.cs derives from it and adds its own:
/// <c>class Build : ServiceBuild { public static int Main(string[] args) => Execute&lt;Build&gt;(args, x => x.Test); }</c>.
/// Each concern lives in its own partial: ServiceBuild.Parameters.cs, .Compile.cs, .Images.cs, .Operate.cs.
/// </summary>
public abstract partial class ServiceBuild : DrydockBuild
{
}
