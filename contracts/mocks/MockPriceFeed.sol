// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {AggregatorV3Interface} from "../interfaces/AggregatorV3Interface.sol";

/// @title MockPriceFeed
/// @notice A local price feed with Chainlink's `AggregatorV3Interface` shape, for local chains and demos: its owner
/// (the operator) publishes each new price as a new round. On a real network the SDK reads a Chainlink feed instead.
contract MockPriceFeed is AggregatorV3Interface, Ownable {
    /// @notice One published round.
    struct Round {
        int256 answer;
        uint64 updatedAt;
    }

    /// @notice Thrown when a published price is zero or negative.
    /// @param answer The price refused.
    error MockPriceFeedInvalidAnswer(int256 answer);

    /// @notice Thrown when a round is asked for that was never published.
    /// @param roundId The round asked for.
    /// @param latestRound The latest round published.
    error MockPriceFeedNoRound(uint80 roundId, uint80 latestRound);

    /// @notice Emitted when the operator publishes a new price (same shape as Chainlink's `AnswerUpdated`).
    /// @param current The new price, scaled by `decimals()`.
    /// @param roundId The new round.
    /// @param updatedAt When it was published (unix seconds).
    event AnswerUpdated(int256 indexed current, uint256 indexed roundId, uint256 updatedAt);

    uint8 private immutable _DECIMALS;
    string private _description;
    uint80 private _latestRound;
    mapping(uint80 roundId => Round) private _rounds;

    /// @param owner_ The operator allowed to publish prices.
    /// @param decimals_ Decimals of every answer.
    /// @param description_ What the feed reports, e.g. "XAU / USD per fine troy oz".
    /// @param initialAnswer The first price, published as round 1.
    constructor(address owner_, uint8 decimals_, string memory description_, int256 initialAnswer) Ownable(owner_) {
        _DECIMALS = decimals_;
        _description = description_;
        _publish(initialAnswer);
    }

    /// @notice Publishes a new price as the next round, stamped with the current block time.
    /// @param answer The price, scaled by `decimals()`; must be positive.
    function updateAnswer(int256 answer) external onlyOwner {
        _publish(answer);
    }

    /// @inheritdoc AggregatorV3Interface
    function decimals() external view returns (uint8) {
        return _DECIMALS;
    }

    /// @inheritdoc AggregatorV3Interface
    function description() external view returns (string memory) {
        return _description;
    }

    /// @inheritdoc AggregatorV3Interface
    function version() external pure returns (uint256) {
        return 1;
    }

    /// @inheritdoc AggregatorV3Interface
    function getRoundData(uint80 roundId) external view returns (uint80, int256, uint256, uint256, uint80) {
        if (roundId == 0 || roundId > _latestRound) revert MockPriceFeedNoRound(roundId, _latestRound);
        return _round(roundId);
    }

    /// @inheritdoc AggregatorV3Interface
    function latestRoundData() external view returns (uint80, int256, uint256, uint256, uint80) {
        return _round(_latestRound);
    }

    function _round(uint80 roundId) private view returns (uint80, int256, uint256, uint256, uint80) {
        Round memory r = _rounds[roundId];
        return (roundId, r.answer, r.updatedAt, r.updatedAt, roundId);
    }

    function _publish(int256 answer) private {
        if (answer <= 0) revert MockPriceFeedInvalidAnswer(answer);
        uint80 roundId = _latestRound + 1;
        _latestRound = roundId;
        _rounds[roundId] = Round({answer: answer, updatedAt: uint64(block.timestamp)});
        emit AnswerUpdated(answer, roundId, block.timestamp);
    }
}
