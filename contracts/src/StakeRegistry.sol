// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";

/// @title Groundwork stake registry
/// @notice Annotators stake an ERC-20 to unlock higher task tiers. Leaving takes
/// an unbonding period during which the stake can still be slashed, so fraud found
/// after someone asks to leave is still punishable. The operator (SLASHER_ROLE)
/// slashes with the hash of its evidence; slashed tokens go to the treasury.
/// @dev One pending unstake request per account: a second request adds to it and
/// restarts the clock for the whole unbonding amount. Tracking one amount and one
/// date keeps every call O(1) and means nobody can stagger many small requests to
/// leave continuously while staying slashable only briefly.
/// Tokens that take a fee on transfer are not supported (stake credits `amount`).
contract StakeRegistry is AccessControl {
    using SafeERC20 for IERC20;

    bytes32 public constant SLASHER_ROLE = keccak256("SLASHER_ROLE");

    IERC20 public immutable token;
    address public immutable treasury;
    /// @notice Seconds between requestUnstake and the earliest withdraw.
    uint64 public immutable unbondingPeriod;

    struct Stake {
        uint256 active;
        uint256 unbonding;
        uint64 availableAt;
    }

    mapping(address account => Stake) private _stakes;

    event Staked(address indexed account, uint256 amount, uint256 active);
    event UnstakeRequested(address indexed account, uint256 amount, uint256 unbonding, uint64 availableAt);
    event Withdrawn(address indexed account, uint256 amount);
    /// @param fromActive and fromUnbonding: how the slashed amount was split (active is taken first).
    event Slashed(address indexed account, uint256 amount, bytes32 evidenceHash, uint256 fromActive, uint256 fromUnbonding);

    error ZeroAddress();
    error ZeroAmount();
    error ZeroEvidence();
    error InsufficientActiveStake(uint256 active, uint256 requested);
    error NothingToWithdraw();
    error StillUnbonding(uint64 availableAt);
    error SlashExceedsStake(uint256 staked, uint256 requested);

    constructor(IERC20 token_, address admin, address slasher, address treasury_, uint64 unbondingPeriod_) {
        if (address(token_) == address(0) || admin == address(0) || slasher == address(0) || treasury_ == address(0)) {
            revert ZeroAddress();
        }
        token = token_;
        treasury = treasury_;
        unbondingPeriod = unbondingPeriod_;
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
        _grantRole(SLASHER_ROLE, slasher);
    }

    /// @notice The account's stake: active (counts for tiers), unbonding (leaving, still
    /// slashable) and when the unbonding amount can be withdrawn (0 when none).
    function stakeOf(address account) external view returns (uint256 active, uint256 unbonding, uint64 availableAt) {
        Stake storage s = _stakes[account];
        return (s.active, s.unbonding, s.availableAt);
    }

    /// @notice Pulls `amount` from the caller (approve first) into its active stake.
    function stake(uint256 amount) external {
        if (amount == 0) revert ZeroAmount();
        Stake storage s = _stakes[msg.sender];
        uint256 active = s.active + amount;
        s.active = active;
        emit Staked(msg.sender, amount, active);
        token.safeTransferFrom(msg.sender, address(this), amount);
    }

    /// @notice Moves `amount` from active to unbonding; withdrawable `unbondingPeriod`
    /// seconds from now. Adds to a pending request and restarts its clock.
    function requestUnstake(uint256 amount) external {
        if (amount == 0) revert ZeroAmount();
        Stake storage s = _stakes[msg.sender];
        uint256 active = s.active;
        if (amount > active) revert InsufficientActiveStake(active, amount);
        uint64 availableAt = uint64(block.timestamp) + unbondingPeriod;
        uint256 unbonding = s.unbonding + amount;
        unchecked {
            s.active = active - amount;
        }
        s.unbonding = unbonding;
        s.availableAt = availableAt;
        emit UnstakeRequested(msg.sender, amount, unbonding, availableAt);
    }

    /// @notice Pays out the whole unbonding amount once its period has passed.
    function withdraw() external {
        Stake storage s = _stakes[msg.sender];
        uint256 amount = s.unbonding;
        if (amount == 0) revert NothingToWithdraw();
        if (block.timestamp < s.availableAt) revert StillUnbonding(s.availableAt);
        s.unbonding = 0;
        s.availableAt = 0;
        emit Withdrawn(msg.sender, amount);
        token.safeTransfer(msg.sender, amount);
    }

    /// @notice Takes `amount` from the account (active first, then unbonding) and sends
    /// it to the treasury. Reverts rather than capping when the account holds less, so
    /// an operator mistake in the amount is seen instead of silently shrunk.
    function slash(address account, uint256 amount, bytes32 evidenceHash) external onlyRole(SLASHER_ROLE) {
        if (amount == 0) revert ZeroAmount();
        if (evidenceHash == bytes32(0)) revert ZeroEvidence();
        Stake storage s = _stakes[account];
        uint256 active = s.active;
        uint256 unbonding = s.unbonding;
        if (amount > active + unbonding) revert SlashExceedsStake(active + unbonding, amount);
        uint256 fromActive = amount < active ? amount : active;
        uint256 fromUnbonding;
        unchecked {
            fromUnbonding = amount - fromActive;
            s.active = active - fromActive;
            s.unbonding = unbonding - fromUnbonding;
        }
        if (fromUnbonding == unbonding && unbonding != 0) s.availableAt = 0;
        emit Slashed(account, amount, evidenceHash, fromActive, fromUnbonding);
        token.safeTransfer(treasury, amount);
    }
}
