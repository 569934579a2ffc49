/// What an answer will hold, decided under the state lock; the body is rendered from it after the lock is
/// released so that large pages never hold up other connections.
enum ResponsePlan {
    case users([FakeUser])
    case userCount(Int)
    case organizations(Range<Int>, includeMembersCount: Bool)
    case roles(Range<Int>)
    case permissions(Range<Int>)
    case instanceMemberships(Range<Int>)
    case organizationMemberships(organizationIndex: Int, Range<Int>)
    case roleSets(Range<Int>)
    /// The positions of the invitations the `status` filter keeps, and the window into them.
    case invitations([Int], Range<Int>)
    case domains(Range<Int>)
    case enterpriseConnections(Range<Int>)
    case machines(Range<Int>)
    case organizationSettings
    /// One user's sessions the `status` filter keeps (positions in its list), and the window into them.
    case sessions([FakeSession], Range<Int>)
    case error(ClerkErrorReply)
    /// The HTML page a gateway in front of Clerk sends when Clerk does not answer.
    case badGateway
    case redirect(status: Int, location: String)
    /// `bytes` of filler, streamed (see `HostileAnswer.oversizedBody`).
    case oversized(bytes: Int, announced: Bool)

    var status: Int {
        switch self {
        case .error(let reply): reply.status
        case .badGateway: 502
        case .redirect(let status, _): status
        default: 200
        }
    }
}
