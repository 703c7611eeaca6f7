// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @title AggregatorV3Interface
/// @notice The shape of a Chainlink data feed (price or reserve), declared here so the platform and the SDK read
/// a local feed and a Chainlink feed alike. Chainlink's own name is kept so integrators recognise it.
// solhint-disable-next-line interface-starts-with-i
interface AggregatorV3Interface {
    /// @notice Decimals of the answer (a USD price feed usually has 8).
    /// @return The number of decimals of `answer`.
    function decimals() external view returns (uint8);

    /// @notice What the feed reports, e.g. "XAU / USD per fine troy oz".
    /// @return The description.
    function description() external view returns (string memory);

    /// @notice Version of the feed's implementation.
    /// @return The version.
    function version() external view returns (uint256);

    /// @notice One past round of the feed.
    /// @param roundId The round to read.
    /// @return roundId_ The round read.
    /// @return answer The value reported in that round, scaled by `decimals()`.
    /// @return startedAt When the round started (unix seconds).
    /// @return updatedAt When the answer was last updated (unix seconds).
    /// @return answeredInRound The round the answer was computed in.
    function getRoundData(uint80 roundId)
        external
        view
        returns (uint80 roundId_, int256 answer, uint256 startedAt, uint256 updatedAt, uint80 answeredInRound);

    /// @notice The latest round of the feed.
    /// @return roundId The latest round.
    /// @return answer The latest value, scaled by `decimals()`.
    /// @return startedAt When the round started (unix seconds).
    /// @return updatedAt When the answer was last updated (unix seconds).
    /// @return answeredInRound The round the answer was computed in.
    function latestRoundData()
        external
        view
        returns (uint80 roundId, int256 answer, uint256 startedAt, uint256 updatedAt, uint80 answeredInRound);
}
