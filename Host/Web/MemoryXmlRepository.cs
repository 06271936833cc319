using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace QueueActors.Host.Web;

/// <summary>
/// Where the listener's data-protection keys (the antiforgery tokens') live: in memory, for the life of the process. A
/// restart makes new ones (a page open across it loads again); nothing is written to disk (ASP.NET Core's default,
/// <c>~/.aspnet/DataProtection-Keys</c>, unencrypted on Linux).
/// </summary>
internal sealed class MemoryXmlRepository : IXmlRepository
{
    private readonly Lock gate = new();
    private readonly List<XElement> elements = [];

    public IReadOnlyCollection<XElement> GetAllElements()
    {
        lock (gate)
        {
            return [.. elements.Select(e => new XElement(e))];
        }
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        lock (gate)
        {
            elements.Add(new XElement(element));
        }
    }
}
